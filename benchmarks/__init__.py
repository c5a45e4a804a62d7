"""Saylo's performance and quality measurements (`make bench`, `make loadtest`).

Each module here with a `run() -> list[Row]` is one section of the `make bench` table
(`scripts/bench.py` finds them). Benchmarks sit beside `scripts/`, above the product: they may
import the tests' factories and fakes to build their scenes; product code never imports them.
`harness.py` holds the table helpers and the timing loop they share.
"""
