"""Statistics with 100,000 reports on PostgreSQL: the page and the yearly export.

    python -m tests.bench statistics [--reports 100000] [--requests 10] [--db postgres|sqlite]

Runs in-process on a throw-away PostgreSQL (production settings), with the reports,
cases and kinds of the triage benchmark plus random case facts, about a third of
them verified. It prints the latency of:

- a statistics page with every table (a regency, the last twelve complete months):
  cold (the figures cache emptied before each request: counting, suppression and
  its audit) and warm (the figures from the cache);
- its CSV download, warm;
- the national export of a province for a whole year, CSV and XLSX (never cached:
  the database's own cache is warm after the first run, which is printed apart).
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

from tests.bench.server import database
from tests.bench.triage import populate, setup_django, staff_client

COUNTED = ("verified", "referred", "in_handling", "closed")


def add_case_facts() -> None:
    """Verified dates and random categories, in SQL (a few seconds for 100,000 rows)."""
    from django.db import connection

    random = "random()" if connection.vendor == "postgresql" else "abs(random()) / 9.2e18"
    ages = ["0-5", "6-12", "13-17", "18-24", "25-44", "45-59", "60+", ""]
    places = ["household", "school", "workplace", "public_place", "online", "other", ""]

    def pick(values):
        cases = " ".join(f"WHEN {i} THEN '{v}'" for i, v in enumerate(values))
        return f"CASE CAST({random} * {len(values)} AS INTEGER) {cases} ELSE '' END"

    with connection.cursor() as cursor:
        cursor.execute(
            # Constants only: no outside value reaches this SQL.
            f"UPDATE complaints_report SET victim_age_group = {pick(ages)},"  # noqa: S608
            f" victim_sex = {pick(['female', 'female', 'male', ''])},"
            f" place_category = {pick(places)}"
        )
        statuses = ", ".join(f"'{s}'" for s in COUNTED)
        cursor.execute(
            "UPDATE triage_case SET verified_at = received_at WHERE report_id IN"  # noqa: S608
            f" (SELECT id FROM complaints_report WHERE status IN ({statuses}))"
        )
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")


def statistics_page(area: str, first: date):
    from wagtail.models import Locale, Page, Site

    from content.models import HomePage, StatisticsPage
    from forms.statistics.tables import TABLES

    locale = Locale.objects.get_or_create(language_code="id")[0]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Beranda", slug="beranda-bench", locale=locale)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "root_page": home}
    )
    page = home.add_child(
        instance=StatisticsPage(
            title="Angka",
            slug="angka",
            area_id=area,
            first_month=first,
            body=[("figures", {"table": key, "chart": True, "context": ""}) for key in TABLES],
        )
    )
    page.save_revision().publish()
    return page


def timed(call, requests: int, before=None) -> tuple[float, float]:
    timings = []
    for _ in range(requests):
        if before:
            before()
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[
        min(len(timings) - 1, round(0.95 * len(timings)) - 1)
    ]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench statistics")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args(argv)
    with database(args.db) as url, TemporaryDirectory(prefix="satu-bench-stats-") as work:
        setup_django(url, Path(work))
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client
        from django.urls import reverse

        from forms.statistics import aggregate

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        started = time.perf_counter()
        populate(args.reports)
        add_case_facts()
        print(f"{args.reports} reports created in {time.perf_counter() - started:.1f}s ({args.db})")
        cutoff = aggregate.current_cutoff()
        first = date(cutoff.year - 1, cutoff.month, 1)
        page = statistics_page("31.71", first)
        reader = Client()
        counted = aggregate.counted_reports("31.71", first, cutoff).count()
        print(
            f"statistics page: regency 31.71, {first:%Y-%m} to {cutoff:%Y-%m} (excl.), "
            f"{counted} counted reports, {len(page.table_keys())} tables"
        )

        def read(url):
            response = reader.get(url)
            assert response.status_code == 200, (url, response.status_code)

        csv_url = page.url + page.reverse_subpage("data_csv")
        rows = [
            (
                "page, cold (figures cache empty)",
                *timed(lambda: read(page.url), args.requests, cache.clear),
            ),
            ("page, warm", *timed(lambda: read(page.url), args.requests * 5)),
            ("CSV download, warm", *timed(lambda: read(csv_url), args.requests * 5)),
        ]
        manager = staff_client("manager", ["Case manager"], [])
        year = cutoff.year - 1
        url = reverse("triage_queue:export")
        for fmt in ("csv", "xlsx"):
            query = f"{url}?region=31&year={year}&format={fmt}"

            def download(query=query):
                response = manager.get(query)
                assert response.status_code == 200, response.status_code

            first_run = timed(download, 1)[0]
            rows.append((f"yearly export {fmt}, first run", first_run, first_run))
            rows.append(
                (f"yearly export {fmt}, again", *timed(download, max(3, args.requests // 3)))
            )
        lines = manager.get(f"{url}?region=31&year={year}&format=csv").content.count(b"\n") - 1
        print(f"yearly export: province 31, {year}, {lines} rows\n")
        print(f"{'scenario':<40} {'p50 ms':>9} {'p95 ms':>9}")
        for name, p50, p95 in rows:
            print(f"{name:<40} {p50:>9.1f} {p95:>9.1f}")
