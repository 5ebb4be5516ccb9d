"""Where an uncached public page spends its time: CPU per request, each query, the hot paths.

    python -m tests.bench profile [--db sqlite|postgres] [--page PATH ...] [--requests N]
                                  [--cold-fragments]

The demo is loaded into a fresh database under production settings; then, in one
process with the portal's environment, each page is requested through Django's test
client with a query parameter no page declares (so the page cache stays out of it):

- CPU milliseconds per request (the best of five runs of N requests: the least
  disturbed by whatever else the machine runs);
- every query of one request: the model it loads, the portal function that asked for
  it, and its cost in milliseconds from building the SQL to the last object loaded
  (Python, mostly: the database itself answers these in microseconds);
- cProfile's cumulative times for the portal's own functions and the framework's
  entry points (routing, context, template tags, queries), per request.

Use it before and after a change to a page; the throughput benchmarks (pages, workers)
say what the change buys under load.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import subprocess
import sys
import time
import traceback

from tests.bench.server import ROOT, prepared

PAGES = ["/id/", "/id/kampanye/berani-bicara/", "/id/layanan/", "/id/cari/?q=kekerasan"]
# Frames that say who asked for a query: the portal's own code.
OWN = tuple(f"{ROOT}/{package}/" for package in ("content", "forms", "portal", "search"))
# The functions the cProfile list shows: the portal's, and the framework's entry points.
SHOWN = (
    r"/(content|forms|portal|search)/"
    r"|wagtail/(views|models/pages|models/sites)\.py|template/response\.py"
)


def uncached(path: str) -> str:
    return path + ("&" if "?" in path else "?") + "profile=1"


def who_asked() -> str:
    for frame in reversed(traceback.extract_stack()[:-3]):
        if frame.filename.startswith(OWN):
            return f"{frame.filename.removeprefix(str(ROOT) + '/')}:{frame.lineno} {frame.name}"
    return "(Wagtail or Django)"


def profile_page(client, path: str, requests: int) -> None:
    from django.db.models import query

    for _ in range(5):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    best = min(cpu_ms(client, path, requests) for _ in range(5))

    costs = []
    original = query.QuerySet._fetch_all

    def timed(queryset):
        if queryset._result_cache is not None:
            return original(queryset)
        began = time.process_time()
        original(queryset)
        spent = time.process_time() - began  # before who_asked(), which reads the stack
        costs.append((queryset.model.__name__, who_asked(), spent))

    query.QuerySet._fetch_all = timed
    try:
        client.get(path)
    finally:
        query.QuerySet._fetch_all = original

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()

    print(f"\n== {path}: {best:.2f} ms CPU per request, {len(costs)} querysets")
    for model, asker, seconds in costs:
        print(f"  {seconds * 1000:6.2f} ms  {model:<22} {asker}")
    print(f"  {sum(c[2] for c in costs) * 1000:6.2f} ms  in all (prefetches inside their queryset)")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative")
    width = 100
    print("  cumulative ms per request under cProfile (which slows every call alike), top 25")
    rows = [
        (cumulative, func)
        for func, (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items()
        if re.search(SHOWN, func[0])
    ]
    for cumulative, (filename, line, name) in sorted(rows, reverse=True)[:25]:
        where = filename.split("site-packages/")[-1].removeprefix(str(ROOT) + "/")
        print(f"  {cumulative * 1000 / requests:8.2f}  {f'{where}:{line} {name}'[:width]}")


def cpu_ms(client, path: str, requests: int) -> float:
    began = time.process_time()
    for _ in range(requests):
        client.get(path)
    return (time.process_time() - began) * 1000 / requests


def run(paths: list[str], requests: int) -> None:
    """In the portal's environment (a subprocess started by main)."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths:
        profile_page(client, uncached(path), requests)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench profile")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--page", action="append", help=f"repeatable; default {PAGES}")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--cold-fragments",
        action="store_true",
        help="FRAGMENT_CACHE_SECONDS=0: every render builds every part afresh",
    )
    args = parser.parse_args(argv)
    fragments = {"FRAGMENT_CACHE_SECONDS": "0"} if args.cold_fragments else {}
    with prepared(args.db) as ready:
        state = "cold" if args.cold_fragments else "kept"
        print(
            f"profile on {args.db}, production settings, page cache bypassed, fragments {state}",
            flush=True,
        )
        subprocess.run(
            [sys.executable, "-m", "tests.bench.profile", "--run", str(args.requests)]
            + (args.page or PAGES),
            cwd=ROOT,
            env={**ready.env, **fragments, "PYTHONPATH": str(ROOT)},
            check=True,
        )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--run":
        run(sys.argv[3:], int(sys.argv[2]))
    else:
        main(sys.argv[1:])
