"""Public pages with 1, 2 and 4 gunicorn workers, each row as a ratio to the static file.

    python -m tests.bench workers [--db sqlite|postgres] [--workers 1,2,4] [--threads 4]
                                  [--requests N] [--concurrency C] [--rounds R]

One database is prepared (the demo, production settings); then for each worker count
a gunicorn serves it and every row is loaded in rounds with the static file first
(``load_in_rounds``): a row's ratio is the median of its ratios to the static file in
the same round, so the figures of different worker counts compare even when the
machine's load drifts between them. "cached" is a page as readers get it (the page
cache warm); "uncached" adds a query parameter that no page declares, so the page is
rendered completely; search with words is never cached.

What the table shows is the portal's own cost: the load generator runs on the same
machine, so with more workers than cores the rows measure the cores, not the portal.
"""

from __future__ import annotations

import argparse
import os

from tests.bench.pages import STATIC, UNCACHED
from tests.bench.server import gunicorn, load_in_rounds, prepared, print_table

PAGES = [
    ("home", "/id/"),
    ("campaign", "/id/kampanye/berani-bicara/"),
    ("directory, Kota Surabaya", "/id/layanan/?province=35&regency=35.78"),
]
SEARCH = ("search 'kekerasan' (never cached)", "/id/cari/?q=kekerasan")


def targets() -> list[tuple[str, str]]:
    rows = [("static " + STATIC, STATIC)]
    for name, path in PAGES:
        separator = "&" if "?" in path else "?"
        rows += [(f"{name} cached", path), (f"{name} uncached", path + separator + UNCACHED[1:])]
    rows.append(SEARCH)
    return rows


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench workers")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--workers", default="1,2,4", help="comma-separated worker counts")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--requests", type=int, default=1500, help="per row, over all rounds")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    counts = [int(count) for count in args.workers.split(",")]

    summary: dict[str, dict[int, dict]] = {}
    with prepared(args.db) as ready:
        for workers in counts:
            with gunicorn(ready.env, workers, args.threads) as (base, server):
                rows = load_in_rounds(
                    base, targets(), args.requests, args.concurrency, args.rounds, server=server
                )
            print_table(
                f"gunicorn {workers} worker(s) x {args.threads} threads ({args.db}), "
                f"{args.requests} requests a row in {args.rounds} rounds, "
                f"{args.concurrency} clients",
                rows,
            )
            for name, figures in rows:
                summary.setdefault(name, {})[workers] = figures
    cores = os.cpu_count()
    print(f"\nsummary: req/s (ratio to the static file), {cores} cores")
    width = max(len(name) for name in summary)
    print(f"{'what':<{width}} " + " ".join(f"{f'{w} worker(s)':>22}" for w in counts))
    for name, by_workers in summary.items():
        cells = [
            f"{by_workers[w]['rps']:>10.1f} ({by_workers[w]['ratio']:.3f})".rjust(22)
            for w in counts
        ]
        print(f"{name:<{width}} " + " ".join(cells))
