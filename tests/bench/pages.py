"""Public pages: uncached and from the page cache, next to a static file; page weight.

    python -m tests.bench pages [--db sqlite|postgres] [--requests N] [--concurrency C]
                                [--rounds R] [--workers W] [--cold-fragments]

One gunicorn serves the demo portal as in production (the page cache on, local-memory
cache per worker). "cached" requests a page as readers do; "uncached" adds a query
parameter that no page declares in ``cache_query_params``, so the page cache looks
the page up, misses, renders it completely and does not store it: the full cost of
an uncached view, on the same server, in the same run.

The static file, and each page cached and uncached, are loaded in turn R times
(default 3; see ``load_in_rounds``): a row shows its median round, and its ratio is
the median of its ratios to the static file in the same round. "cpu ms" is what a
request cost the gunicorn workers, and "cpu ratio" the static file's CPU per request
over the row's: the ratio of requests/s the workers would reach with the cores to
themselves, which a busy machine's requests/s hide.

"uncached" renders keep their fragments (content/templatetags/fragments.py) from one
request to the next, as between two publishes; ``--cold-fragments`` runs the same with
FRAGMENT_CACHE_SECONDS=0, every part built afresh, as the first render after a publish.

Page weight: the home page's HTML plus every stylesheet and script it links, each
gzipped (as whitenoise serves the static files and a proxy or CDN serves the HTML).
"""

from __future__ import annotations

import argparse
import gzip
import re
import urllib.request

from tests.bench.server import gunicorn, load_in_rounds, prepared, print_table

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
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cold-fragments",
        action="store_true",
        help="FRAGMENT_CACHE_SECONDS=0: every uncached render builds every part afresh",
    )
    args = parser.parse_args(argv)
    fragments = {"FRAGMENT_CACHE_SECONDS": "0"} if args.cold_fragments else {}
    targets = [("static " + STATIC, STATIC)]
    for name, path in PAGES.items():
        targets += [(f"{name} cached", path), (f"{name} uncached", path + UNCACHED)]
    with (
        prepared(args.db) as ready,
        gunicorn({**ready.env, **fragments}, args.workers) as (base, server),
    ):
        weight = page_weight(base, PAGES["home"])
        rows = load_in_rounds(
            base, targets, args.requests, args.concurrency, args.rounds, server=server
        )
    print_table(
        f"public pages on gunicorn ({args.db}, {args.workers} workers, fragments "
        f"{'cold' if args.cold_fragments else 'kept'}), {args.requests} "
        f"requests in {args.rounds} rounds, {args.concurrency} clients; "
        "ratio = req/s ÷ static file's",
        rows,
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
