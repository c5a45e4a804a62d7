#!/usr/bin/env python
"""`make bench`: Saylo's performance measurements, printed as one table.

Every module of the `benchmarks` package with `run() -> list[Row]` is a section; this script sets
Django up, runs them in order and prints what they measured. Numbers are medians over repeated runs.
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

from benchmarks.harness import Row, print_table  # noqa: E402

# Every module of the benchmarks package is a section, so a new measurement needs no edit here.
SECTIONS = sorted(f"benchmarks.{path.stem}" for path in (BASE / "benchmarks").glob("*.py") if path.stem != "__init__")


def main() -> int:
    rows: list[Row] = []
    for module_name in SECTIONS:
        module = importlib.import_module(module_name)
        if hasattr(module, "run"):  # the harness holds the table helpers, not measurements
            rows.extend(module.run())
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
