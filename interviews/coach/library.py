"""The coach's knowledge as data files (`interviews/coach/data/*.toml`), read once per process.

TOML because it is in the standard library, takes comments, and reads like the prose it holds: a
careers adviser can add a question stem, a follow-up probe or a skill family without touching code.
Each file documents its own fields at the top; the modules that use a file check its shape.
"""

import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> dict:
    """The parsed data file `data/<name>.toml` (raises FileNotFoundError for an unknown name)."""
    with (DATA / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def load_dir(folder: str) -> list[tuple[str, dict]]:
    """Every `data/<folder>/*.toml`, as (file stem, parsed data), in file-name order."""
    return [(path.stem, _read(path)) for path in sorted((DATA / folder).glob("*.toml"))]


@cache
def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)
