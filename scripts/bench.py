#!/usr/bin/env python
"""`make bench`: Saylo's performance measurements, printed as one table.

Each app contributes a `bench.py` module with `run() -> list[Row]`; this script sets Django up,
runs them in order and prints what they measured. Numbers are medians over repeated runs.
"""

import importlib
import os
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylo.settings")
os.environ.setdefault("SAYLO_RUNTIME", "local")
os.environ.setdefault("COACH_ENGINE", "offline")

import django  # noqa: E402

django.setup()

from saylo.bench import Row, print_table  # noqa: E402

# Every app module named bench.py, bench_*.py or *_bench.py is a section (tests excluded), so a
# new measurement needs no edit here.
SECTIONS = sorted(
    ".".join(path.relative_to(BASE).with_suffix("").parts)
    for package in BASE.iterdir() if (package / "__init__.py").is_file()
    for pattern in ("bench.py", "bench_*.py", "*_bench.py")
    for path in package.glob(f"**/{pattern}")
    if "tests" not in path.parts
)


def main() -> int:
    rows: list[Row] = []
    for module_name in SECTIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        if hasattr(module, "run"):  # saylo/bench.py holds the table helpers, not measurements
            rows.extend(module.run())
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
