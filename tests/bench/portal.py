"""The stack itself: a named page next to a static file served by the same gunicorn.

python -m tests.bench portal [--db sqlite|postgres] [--page /id/] [--requests N]
"""

import argparse

from tests.bench.server import load, portal, print_table

STATIC = "/static/portal/css/portal.css"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench portal")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--page", action="append", help="page path (repeatable); default /id/")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    pages = args.page or ["/id/"]
    with portal(args.db) as (base, _env):
        rows = [("static " + STATIC, load([base + STATIC], args.requests, args.concurrency))]
        for page in pages:
            rows.append((f"page {page}", load([base + page], args.requests, args.concurrency)))
    print_table(
        f"portal on gunicorn ({args.db}), {args.requests} requests, {args.concurrency} clients",
        rows,
        baseline=rows[0][0],
    )
