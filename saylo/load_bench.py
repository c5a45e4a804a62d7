"""`make bench` section: every page under 20 logged-in clients next to `/healthz` (saylo/loadtest.py;
`make loadtest` prints the same run as its own table)."""


def run():
    from saylo.loadtest import bench_rows

    return bench_rows()
