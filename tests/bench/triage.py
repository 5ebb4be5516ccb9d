"""The triage queue over 100,000 reports on PostgreSQL: queries per page and latency.

    python -m tests.bench triage [--reports 100000] [--requests 40] [--db postgres|sqlite]

Runs in-process: a throw-away PostgreSQL, the migrations, reports bulk-created with
their cases and violence kinds, then the real admin views through Django's test
client with a signed-in, 2FA-verified staff session (production settings). For each
scenario (unfiltered / filtered, page 1 / page 500, case manager / regional officer,
a search by report number and by receipt code, the new-message filter)
it prints the queries per page, the p50/p95 latency of the whole view, the SQL time
and the CPU time of the request in this process (the database's own work excluded).
The worker's start-up heap is frozen as portal/wsgi.py freezes it. Seeding 100,000
reports takes a few minutes (about six on a loaded machine); nothing is reused between
runs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import statistics
import time
from datetime import timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from tests.bench.server import database, production_env

KINDS = ["physical", "psychological", "sexual", "neglect", "exploitation", "other"]
STATUSES = ["new"] * 5 + ["in_review"] * 2 + ["verified", "referred", "in_handling", "closed"]


def setup_django(url: str, work: Path) -> None:
    env = production_env(url, work, ALLOWED_HOSTS="testserver,127.0.0.1")
    os.environ.update(env)
    import django

    django.setup()


def populate(count: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from content.models import Region
    from forms.models import Report, ReportViolence
    from forms.triage import workflow
    from forms.triage.models import Case

    Region.objects.bulk_create(
        [Region(code="31", name="DKI Jakarta", level=1)]
        + [Region(code=f"31.7{r}", name=f"Kota {r}", level=2, parent_id="31") for r in range(1, 6)]
        + [
            Region(code=f"31.7{r}.0{d}", name=f"Kecamatan {r}{d}", level=3, parent_id=f"31.7{r}")
            for r in range(1, 6)
            for d in range(1, 10)
        ]
    )
    districts = list(Region.objects.filter(level=3).values_list("code", flat=True))
    rng = random.Random(6)
    now = timezone.now()
    batch = 5000
    for start in range(0, count, batch):
        with transaction.atomic():
            reports = Report.objects.bulk_create(
                [
                    Report(
                        status=rng.choice(STATUSES),
                        immediate_danger=rng.random() < 0.05,
                        region_id=rng.choice(districts),
                        captcha_state="passed" if rng.random() < 0.97 else "unverified",
                        receipt_digest=receipt_digest(start + n),
                        data_key="",
                    )
                    for n in range(min(batch, count - start))
                ]
            )
            ReportViolence.objects.bulk_create(
                [
                    ReportViolence(report=report, kind=kind)
                    for report in reports
                    for kind in rng.sample(KINDS, rng.choice([1, 1, 2]))
                ]
            )
            Case.objects.bulk_create(
                [
                    Case(
                        report=report,
                        is_open=report.status in workflow.OPEN_STATUSES,
                        immediate_danger=report.immediate_danger,
                        status_since=now,
                        unread_from_reporter=rng.random() < 0.02,
                        due_at=workflow.due_at(
                            report.status,
                            report.immediate_danger,
                            now - timedelta(hours=rng.randint(0, 24 * 30)),
                        ),
                    )
                    for report in reports
                ]
            )
    with connection.cursor() as cursor:
        # Spread the receipt times over the last two years.
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE complaints_report SET created_at = now() - (id * interval '10 minutes')"
            )
            cursor.execute(
                "UPDATE triage_case SET received_at = r.created_at"
                " FROM complaints_report r WHERE r.id = triage_case.report_id"
            )
            # The steady state of a live database, where autovacuum has run: statistics
            # and the visibility map (index-only scans) of a freshly bulk-loaded table.
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute(
                "UPDATE complaints_report"
                " SET created_at = datetime('now', '-' || (id * 10) || ' minutes')"
            )
            cursor.execute(
                "UPDATE triage_case SET received_at = (SELECT created_at FROM complaints_report"
                " WHERE complaints_report.id = triage_case.report_id)"
            )


# One real receipt code among the bench's reports, so the search by code finds it
# (scrypt is too slow to digest 100,000 codes; the others get a placeholder).
SEARCHED_CODE = "4929 1803 5562 7710"
SEARCHED_AT = 77_777


def receipt_digest(n: int) -> str:
    from forms import receipts

    if n == SEARCHED_AT:
        return receipts.digest(receipts.normalise(SEARCHED_CODE))
    return f"bench-{n:012d}"


def staff_client(username: str, groups: list[str], regions: list[str], return_user=False):
    import django_otp
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client, RequestFactory
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from forms.triage.models import StaffProfile

    user = get_user_model().objects.create_user(username, password="bench passphrase 1234")
    user.groups.add(*Group.objects.filter(name__in=groups))
    StaffProfile.objects.create(user=user).regions.add(*regions)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client(secure=True)
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.session, request.user = client.session, user
    assert device.verify_token(f"{totp(device.bin_key):06d}")
    django_otp.login(request, device)
    request.session.save()
    return (client, user) if return_user else client


def measure(client, url: str, requests: int, explain: bool = False):
    with production_templates():
        counts, p50, p95, sql, cpu = _measure(client, url, requests, explain)
    # One more request, instrumented, to count the rows listed.
    response = client.get(url)
    listed = response.context and "object_list" in response.context
    rows = len(response.context["object_list"]) if listed else -1
    return counts, p50, p95, rows, sql, cpu


@contextlib.contextmanager
def production_templates():
    """Templates rendered as in production: the test environment's instrumentation
    (a signal and a copy of the context for every template rendered, kept on the
    response) costs a case page about a third of its time, and no server pays it."""
    from django.template.base import Template
    from django.test.utils import _TestState

    instrumented, Template._render = Template._render, _TestState.saved_data.template_render
    try:
        yield
    finally:
        Template._render = instrumented


def _measure(client, url, requests, explain):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        client.get(url)
    timings, sql_times, cpu_times = [], [], []
    queries = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured))
        sql_times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    if explain:
        slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
            print(f"  slowest query ({slowest['time']}s): {slowest['sql'][:300]}...")
            print("\n".join("    " + row[0] for row in cursor.fetchall()))
    sql, cpu = statistics.median(sql_times), statistics.median(cpu_times)
    # The usual count, and the most (a session's periodic write adds a few now and then).
    counts = f"{statistics.mode(queries)}/{max(queries)}"
    return counts, statistics.median(timings), p95, sql, cpu


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench triage")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--explain", action="store_true", help="print the slowest query's plan")
    args = parser.parse_args(argv)
    with database(args.db) as url, TemporaryDirectory(prefix="satu-bench-triage-") as work:
        setup_django(url, Path(work))
        from django.core.management import call_command
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        setup_test_environment()  # response.context for the row counts
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # production manifest
        started = time.perf_counter()
        populate(args.reports)
        print(f"{args.reports} reports created in {time.perf_counter() - started:.1f}s ({args.db})")
        gc.collect()
        import portal.wsgi  # noqa: F401 (a worker's start: its heap frozen)

        manager = staff_client("manager", ["Case manager"], [])
        officer = staff_client("officer", ["Triage officer"], ["31.71", "31.72"])
        queue = reverse("triage_queue:index")
        filtered = "status=new&status=in_review&violence=physical&violence=sexual"
        scenarios = [
            ("case manager, unfiltered, page 1", manager, f"{queue}"),
            ("case manager, unfiltered, page 500", manager, f"{queue}?p=500"),
            ("case manager, filtered, page 1", manager, f"{queue}?{filtered}"),
            ("case manager, filtered, page 500", manager, f"{queue}?{filtered}&p=500"),
            ("officer (2 regencies), page 1", officer, f"{queue}"),
            ("officer (2 regencies), page 100", officer, f"{queue}?p=100"),
            ("case manager, report number", manager, f"{queue}?number={args.reports // 2}"),
            ("case manager, receipt code", manager, f"{queue}?receipt={SEARCHED_CODE}"),
            ("case manager, new message, page 1", manager, f"{queue}?new_message=true"),
            ("case manager, new message, page 20", manager, f"{queue}?new_message=true&p=20"),
        ]
        header = f"{'scenario':<38} {'rows':>5} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8}"
        print("\nqueries: the usual count per request / the most in any request")
        print(f"{header} {'SQL p50 ms':>10} {'CPU p50 ms':>10}")
        for name, client, url in scenarios:
            queries, p50, p95, rows, sql, cpu = measure(client, url, args.requests, args.explain)
            figures = f"{p50:>8.1f} {p95:>8.1f} {sql:>10.1f} {cpu:>10.1f}"
            print(f"{name:<38} {rows:>5} {queries:>8} {figures}")
        print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
