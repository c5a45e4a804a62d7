"""Small helpers for benchmark modules (see scripts/bench.py)."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Row:
    section: str
    measure: str
    value: float
    unit: str
    note: str = ""


def median_seconds(fn: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of `fn` over `repeat` runs after `warmup` unmeasured ones."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def print_table(rows: list[Row]) -> None:
    headers = ("section", "measure", "value", "unit", "note")
    table = [(r.section, r.measure, f"{r.value:,.2f}", r.unit, r.note) for r in rows]
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in table:
        print("  ".join(cell.rjust(w) if i == 2 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))))
