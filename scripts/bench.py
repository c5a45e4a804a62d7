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

SECTIONS = ["resumes.bench", "interviews.coach.bench", "interviews.bench", "interviews.video.bench_room"]


def main() -> int:
    rows: list[Row] = []
    for module_name in SECTIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        rows.extend(module.run())
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
