"""Which release this process serves, for cache keys that must not outlive a deploy.

`RELEASE` is `SAYLO_RELEASE` when the operator sets it (a git sha), otherwise a digest of the
*contents* of what shapes a rendered page: the Python code, templates, static files and data files
of the project. Contents, not modification times: two machines running the same code agree, and a
checkout that only touched files' times does not throw fragments away.
"""

import hashlib
import os
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
_FOLDERS = ("core", "saylo", "accounts", "resumes", "interviews", "templates", "static")
_SUFFIXES = {".py", ".html", ".css", ".js", ".json", ".toml", ".txt"}
_SKIPPED = {"tests", "migrations", "__pycache__", "vendor", "fonts"}


def release_digest(base: Path = BASE) -> str:
    digest = hashlib.blake2b(digest_size=8)
    for folder in _FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in _SUFFIXES and path.is_file() and not _SKIPPED.intersection(path.relative_to(base).parts):
                digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


RELEASE = os.environ.get("SAYLO_RELEASE", "").strip() or release_digest()
