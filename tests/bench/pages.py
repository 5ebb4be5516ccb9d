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
``--publish-every S`` serves from a shared Redis (as production does with several
processes) while another process publishes a new revision of a campaign every S
seconds through Wagtail, as an editor would: every publish empties the page cache and
every fragment on every worker, so the rows show what the renders after publishes
cost, amortised over the traffic between them.

Page weight: the home page's HTML plus every stylesheet and script it links, each
gzipped (as whitenoise serves the static files and a proxy or CDN serves the HTML).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator

from tests.bench.server import ROOT, gunicorn, load_in_rounds, prepared, print_table
from tests.redis import TemporaryRedis

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


PUBLISHER = """
import sys, time
import django
django.setup()
from content.models import CampaignPage
from content.page_cache import generation
every = float(sys.argv[1])
page = CampaignPage.objects.live().order_by("pk").first()
print(generation(), flush=True)
while True:
    time.sleep(every)
    page.save_revision(log_action=True).publish()
    print(generation(), flush=True)  # what every worker's page cache now reads
"""


@contextlib.contextmanager
def publishing(env: dict[str, str], every: float) -> Iterator[Callable[[], int]]:
    """A process that publishes a campaign every ``every`` seconds until the block
    ends; yields a function that says how many publishes moved the page cache's
    generation on."""
    process = subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, str(every)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    # The page cache's generation before and after each publish, as Redis holds it:
    # that it moved each time is what proves the publish reached every worker.
    generations = [process.stdout.readline().strip()]
    reader = threading.Thread(
        target=lambda: generations.extend(line.strip() for line in process.stdout), daemon=True
    )
    reader.start()
    try:
        yield lambda: len(set(generations)) - 1
    finally:
        process.terminate()
        process.wait(timeout=30)


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
    parser.add_argument(
        "--publish-every",
        type=float,
        metavar="S",
        help="serve from a shared Redis while a campaign is published every S seconds",
    )
    args = parser.parse_args(argv)
    fragments = {"FRAGMENT_CACHE_SECONDS": "0"} if args.cold_fragments else {}
    targets = [("static " + STATIC, STATIC)]
    for name, path in PAGES.items():
        targets += [(f"{name} cached", path), (f"{name} uncached", path + UNCACHED)]
    published = None
    with contextlib.ExitStack() as stack:
        shared = {}
        if args.publish_every:
            redis = TemporaryRedis.start()
            stack.callback(redis.stop)
            shared["REDIS_URL"] = redis.url
        ready = stack.enter_context(prepared(args.db, **shared))
        base, server = stack.enter_context(gunicorn({**ready.env, **fragments}, args.workers))
        weight = page_weight(base, PAGES["home"])
        if args.publish_every:
            published = stack.enter_context(publishing(ready.env, args.publish_every))
        began = time.monotonic()
        rows = load_in_rounds(
            base, targets, args.requests, args.concurrency, args.rounds, server=server
        )
        seconds = time.monotonic() - began
        publishes = published() if published else 0
    churn = (
        f", shared Redis, {publishes} publishes in {seconds:.0f} s (one every "
        f"{args.publish_every:g} s)"
        if args.publish_every
        else ""
    )
    print_table(
        f"public pages on gunicorn ({args.db}, {args.workers} workers, fragments "
        f"{'cold' if args.cold_fragments else 'kept'}{churn}), {args.requests} "
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
