"""A busy unit's inbox and a case page, with 100,000 reports and 300,000 referrals.

    python -m tests.bench referrals [--reports 100000] [--referrals 3] [--requests 40]
                                    [--db postgres|sqlite] [--explain]

Runs in-process like the triage benchmark (tests/bench/triage.py): a throw-away
PostgreSQL, the migrations, the reports of that benchmark, then three referrals per
report to 40 partner units, one of which (the busy one, a regency hospital) gets
about 60 % of them, in every status. A member of the busy unit reads the inbox (page
1 and a deep page) through the real admin views with a 2FA-verified session
(production settings); a case manager reads the case page of a report with 3 and
with 12 referrals. It prints the queries per page, the p50/p95 latency, the SQL
time, the CPU milliseconds per request (this process: Django and the templates, not
PostgreSQL) and the load average while it ran (latency on a loaded machine is an
upper bound). Seeding 100,000 reports and 300,000 referrals took 10 minutes on a
loaded 2-core machine (load average 5); the
database is thrown away at the end, not reused.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from tests.bench.server import database
from tests.bench.triage import measure, populate, setup_django, staff_client

UNITS = 40
STATUSES = ["sent"] * 2 + ["accepted"] * 3 + ["done"] * 3 + ["declined", "revoked"]
SERVICES = ["medical", "visum", "psychological", "legal", "shelter", "home-visit"]


def make_units():
    from wagtail.models import Locale, Page

    from content.models import Region, ServiceUnitPage

    locale = Locale.objects.get_or_create(language_code="id")[0]
    root = Page.get_first_root_node()
    region = Region.objects.get(code="31.71")
    return [
        root.add_child(
            instance=ServiceUnitPage(
                title=f"Unit {number:02d}",
                slug=f"bench-unit-{number:02d}",
                kind="hospital" if number == 0 else "legal-aid",
                region=region,
                locale=locale,
            )
        )
        for number in range(UNITS)
    ]


def populate_referrals(units, per_report: int) -> int:
    """``per_report`` referrals to distinct units for every report; the first unit is
    in about 60 % of the reports. The rows are bulk-made: their sealed unit and
    summary stay empty (the inbox never reads them; the case page's reports below
    are referred through the real action)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from forms.models import Report
    from forms.triage import unit_index
    from forms.triage.models import Referral

    rng = random.Random(12)
    busy, *others = [unit_index.of(unit) for unit in units]
    reports = list(Report.objects.values_list("pk", "immediate_danger").order_by("pk"))
    now, made, batch = timezone.now(), 0, []
    for report_id, danger in reports:
        tokens = rng.sample(others, per_report)
        if rng.random() < 0.6:
            tokens[0] = busy
        for token in tokens:
            status = rng.choice(STATUSES)
            open_ = status in ("sent", "accepted")
            batch.append(
                Referral(
                    report_id=report_id,
                    unit_index=token,
                    services=rng.sample(SERVICES, rng.choice([1, 1, 2])),
                    status=status,
                    is_open=open_,
                    immediate_danger=danger,
                    child_victim=rng.random() < 0.3,
                    due_at=(
                        now + timedelta(hours=rng.randint(-72, 72)) if status == "sent" else None
                    ),
                )
            )
        if len(batch) >= 10_000:
            with transaction.atomic():
                Referral.objects.bulk_create(batch)
            made, batch = made + len(batch), []
    with transaction.atomic():
        Referral.objects.bulk_create(batch)
    made += len(batch)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Received over the last two years, as the reports were.
            cursor.execute(
                "UPDATE triage_referral SET created_at = now() - (id * interval '3 minutes')"
            )
            cursor.execute("VACUUM ANALYZE triage_referral")
    return made


def case_with_referrals(officer, units, count: int):
    """A report referred through the real actions to ``count`` units (sealed units,
    summaries, needs), with a service recorded and a thread on each accepted one."""
    from django.utils import timezone

    from content.models import Region
    from forms.models import CaptchaState, Report
    from forms.triage import actions

    report = Report(
        region=Region.objects.get(code="31.71.01"),
        captcha_state=CaptchaState.PASSED,
        consent_referral=True,
        consent_contact=True,
        receipt_digest=f"bench-case-{count}",
    )
    report.narrative, report.contact_details = "Bench narrative", "0812-0000-0000"
    report.save()
    report.set_violence_kinds(["physical"])
    actions.claim(officer, report)
    actions.verify(officer, report)
    for number, unit in enumerate(units[1 : count + 1]):
        referral = actions.refer(officer, report, unit, ["medical", "legal"], f"Summary {number}")
        actions.add_need(officer, report, "shelter")
        actions.answer_unit(officer, referral, "A word for the unit")
    actions.add_follow_up(officer, report, timezone.localdate(), "Check")
    return report


def unit_member_client(unit):
    client, user = staff_client("busy_unit", ["Unit staff"], [], return_user=True)
    user.staff_profile.units.add(unit)
    return client


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench referrals")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--referrals", type=int, default=3, help="referrals per report")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--explain", action="store_true", help="print the slowest query's plan")
    args = parser.parse_args(argv)
    with database(args.db) as url, TemporaryDirectory(prefix="satu-bench-referrals-") as work:
        setup_django(url, Path(work))
        from django.core.management import call_command
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        setup_test_environment()  # response.context for the row counts
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        started = time.perf_counter()
        populate(args.reports)
        units = make_units()
        made = populate_referrals(units, args.referrals)
        print(
            f"{args.reports} reports, {made} referrals to {len(units)} units created in "
            f"{time.perf_counter() - started:.1f}s ({args.db})"
        )
        member = unit_member_client(units[0])
        manager, officer = staff_client("manager", ["Case manager"], [], return_user=True)
        small = case_with_referrals(officer, units, 3)
        large = case_with_referrals(officer, units, 12)
        inbox = reverse("triage_inbox:index")
        listed = member.get(inbox).context["paginator"].count
        deep = max(1, listed // 50 - 10)
        print(f"busy unit: {listed} referrals in its inbox; deep page {deep}")
        scenarios = [
            ("busy unit inbox, page 1", member, inbox),
            (f"busy unit inbox, page {deep}", member, f"{inbox}?p={deep}"),
            ("case page, 3 referrals", manager, reverse("triage_queue:detail", args=[small.pk])),
            ("case page, 12 referrals", manager, reverse("triage_queue:detail", args=[large.pk])),
        ]
        header = f"{'scenario':<38} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8} {'SQL p50':>8}"
        print(f"\n{header} {'CPU ms':>7}  load average")
        for name, client, url in scenarios:
            queries, p50, p95, _rows, sql, cpu = measure(client, url, args.requests, args.explain)
            load = " ".join(f"{figure:.1f}" for figure in os.getloadavg())
            print(
                f"{name:<38} {queries:>8} {p50:>8.1f} {p95:>8.1f} {sql:>8.1f} {cpu:>7.1f}  {load}"
            )
