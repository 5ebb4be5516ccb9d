"""The service directory under load: a regency-filtered list and a unit page.

python -m tests.bench directory [--db sqlite|postgres] [--units N] [--requests N]

The demo is loaded, then N extra units (default 2,000, in Kota Surabaya) are added
with the test helper that writes the tree in bulk, so that the filtered list has to
find its 20 units among many. Each row is compared with a static file served by the
same gunicorn.
"""

import argparse

from tests.bench.pages import UNCACHED
from tests.bench.server import load, manage, portal, print_table

STATIC = "/static/portal/css/portal.css"
# (name, path, served from the page cache to readers?). "Open now" and a location are
# never cached by design (content/models/directory.py): they have one row, uncached.
PAGES = [
    ("directory, regency Kota Surabaya", "/id/layanan/?province=35&regency=35.78", True),
    (
        "directory, regency + medical",
        "/id/layanan/?province=35&regency=35.78&service=medical",
        True,
    ),
    (
        "directory, regency + medical + open now",
        "/id/layanan/?province=35&regency=35.78&service=medical&open_now=on",
        False,
    ),
    ("directory, nearest first", "/id/layanan/?near=-7.2575,112.7521", False),
    ("unit page", "/id/layanan/uptd-ppa-kota-surabaya/", True),
]

ADD_UNITS = """
from content.models import Service, ServiceDirectoryPage
from tests.content.directory.conftest import bulk_units
directory = ServiceDirectoryPage.objects.get(locale__language_code="id")
medical = Service.objects.filter(code="medical", locale__language_code="id")
bulk_units(directory, {count}, region="35.78.08", services=list(medical), start=1000)
# Fresh planner statistics, as a live database has them (autovacuum): right after a bulk
# load PostgreSQL plans with none and the figures would be those of a state that passes.
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
"""


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench directory")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)

    def add_units(env):
        if args.units:
            manage(env, "shell", "-c", ADD_UNITS.format(count=args.units))

    with portal(args.db, setup=add_units) as (base, _env):
        rows = [("static " + STATIC, load([base + STATIC], args.requests, args.concurrency))]
        for name, path, cacheable in PAGES:
            if cacheable:
                cached = load([base + path], args.requests, args.concurrency)
                rows.append((f"{name}, cached", cached))
                # A parameter the page does not declare: the page cache stays out of it.
                path += ("&" if "?" in path else "?") + UNCACHED[1:]
            label = f"{name}, uncached" if cacheable else f"{name} (never cached)"
            rows.append((label, load([base + path], args.requests, args.concurrency)))
    print_table(
        f"directory on gunicorn ({args.db}), {args.units} extra units, "
        f"{args.requests} requests, {args.concurrency} clients",
        rows,
        baseline=rows[0][0],
    )
