"""Public pages: uncached and from the page cache, next to a static file; page weight.

    python -m tests.bench pages [--db sqlite|postgres] [--requests N] [--concurrency C]

One gunicorn serves the demo portal as in production (the page cache on, local-memory
cache per worker). "cached" requests a page as readers do; "uncached" adds a query
parameter that no page declares in ``cache_query_params``, so the page cache looks
the page up, misses, renders it completely and does not store it: the full cost of
an uncached view, on the same server, in the same run.

Page weight: the home page's HTML plus every stylesheet and script it links, each
gzipped (as whitenoise serves the static files and a proxy or CDN serves the HTML).
"""

from __future__ import annotations

import argparse
import gzip
import re
import urllib.request

from tests.bench.server import load, portal, print_table

STATIC = "/static/portal/css/portal.css"
PAGES = {"home": "/id/", "campaign": "/id/kampanye/berani-bicara/"}
UNCACHED = "?bench-uncached=1"
WEIGHT_LIMIT = 100 * 1024


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def page_weight(base: str, path: str) -> list[tuple[str, int, int]]:
    """(resource, raw bytes, gzipped bytes) for the HTML and its CSS and JS."""
    html = fetch(base + path)
    rows = [(path, len(html), len(gzip.compress(html, 9)))]
    text = html.decode()
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    assets += re.findall(r'<script src="([^"]+)"', text)
    for asset in assets:
        body = fetch(base + asset)
        rows.append((asset, len(body), len(gzip.compress(body, 9))))
    return rows


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench pages")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    with portal(args.db) as (base, _env):
        weight = page_weight(base, PAGES["home"])
        rows = [("static " + STATIC, load([base + STATIC], args.requests, args.concurrency))]
        for name, path in PAGES.items():
            rows.append((f"{name} cached", load([base + path], args.requests, args.concurrency)))
            rows.append(
                (
                    f"{name} uncached",
                    load([base + path + UNCACHED], args.requests, args.concurrency),
                )
            )
    print_table(
        f"public pages on gunicorn ({args.db}), {args.requests} requests, "
        f"{args.concurrency} clients; ratio = req/s ÷ static file's",
        rows,
        baseline=rows[0][0],
    )
    print("\nhome page weight (gzip -9)")
    for resource, raw, packed in weight:
        print(f"  {resource:<40} {raw:>8} B raw {packed:>8} B gzip")
    total = sum(packed for _, _, packed in weight)
    verdict = "within" if total <= WEIGHT_LIMIT else "OVER"
    print(
        f"  {'total':<40} {sum(r for _, r, _ in weight):>8} B raw {total:>8} B gzip "
        f"({verdict} the {WEIGHT_LIMIT // 1024} KB budget)"
    )
