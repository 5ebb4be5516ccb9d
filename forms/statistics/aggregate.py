"""Counting reports in the database: which reports count, and their counts by category.

Only reports that staff verified count, and only while they stay so: a report
marked invalid (a duplicate, a false or test report) never does, and a report
still waiting for triage does not yet. Everything is counted by the database
(one GROUP BY per table), never by loading reports.

The month of a report is the month the agency received it, in the portal's time
zone: the date a staff member recorded for a phone call or a desk visit, else the
moment the web form stored it (``Report.arrived_at``; ``ARRIVED`` here).
Figures stop at the end of the last complete month, so that a page changes in
monthly steps and never shows "this week's" reports (docs/statistics.md).

Reports purged after the retention period still count: what they left
(``triage.PurgedReportCount``: month, regency, kinds, victim age group and sex) is
added back by the ``purged_*`` functions; their other facts read "not recorded".
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, Substr, TruncMonth
from django.utils import timezone

from forms import regions
from forms.models import Perpetrator, Report, ReportViolence, Status
from forms.triage.models import PurgedReportCount, ServiceRecord


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_between(first: date, end: date) -> list[date]:
    """The first days of the months from ``first`` up to, not including, ``end``."""
    months, month = [], first_of_month(first)
    while month < end:
        months.append(month)
        month = next_month(month)
    return months


def current_cutoff(today: date | None = None) -> date:
    """The first day of the running month: figures count reports received before it."""
    return first_of_month(today or timezone.localdate())


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


# Report.arrived_at, in the database.
ARRIVED = Coalesce("received_at", "created_at")


def counted_q(prefix: str = "") -> Q:
    """The reports that count: verified (and later), never invalid."""
    return Q(**{f"{prefix}case__verified_at__isnull": False}) & ~Q(
        **{f"{prefix}status": Status.INVALID}
    )


def within_area_q(area: str | None, prefix: str = "") -> Q:
    if not area:
        return Q()
    # region__code, not region_id: a foreign key column takes no prefix lookup, and
    # Django trims the join (the code is the key).
    field = f"{prefix}region__code"
    return Q(**{field: area}) | Q(**{f"{field}__startswith": f"{area}."})


def counted_reports(area: str | None, first: date, end: date):
    """Counted reports of ``area`` received from ``first`` up to (not including) ``end``."""
    return (
        Report.objects.alias(arrived=ARRIVED)
        .filter(counted_q(), within_area_q(area))
        .filter(arrived__gte=local_midnight(first), arrived__lt=local_midnight(end))
    )


# Region codes are prefixes of their children's: "35" province, "35.78" regency.
# A report's region in clear is never finer than its regency (forms/regions.py), so
# the code of a province or regency is a prefix of it; districts are counted by
# their blind index instead (``by_district``).
CODE_LENGTH = {"province": 2, "regency": 5}


def total(reports) -> int:
    return reports.count()


def by_fields(reports, *fields) -> dict[tuple, int]:
    """Counts by the values of ``fields`` (tuples of values, '' for not recorded)."""
    rows = reports.order_by().values(*fields).annotate(n=Count("pk"))
    return {tuple(row[name] or "" for name in fields): row["n"] for row in rows}


def by_month(reports) -> dict[date, int]:
    rows = (
        reports.order_by()
        .annotate(month=TruncMonth(ARRIVED, tzinfo=timezone.get_default_timezone()))
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {timezone.localtime(row["month"]).date(): row["n"] for row in rows}


def by_region_level(reports, level: str) -> dict[str, int]:
    """Counts by the region of ``level`` ("province" or "regency") the report's
    region lies in."""
    rows = (
        reports.order_by()
        .annotate(code=Substr("region_id", 1, CODE_LENGTH[level]))
        .values("code")
        .annotate(n=Count("pk"))
    )
    return {row["code"]: row["n"] for row in rows if len(row["code"]) == CODE_LENGTH[level]}


def by_district(reports, districts) -> dict[str, int]:
    """Counts by district, for the district codes given: the database groups by the
    keyed blind index, and only the index of a district asked for turns back into
    its code (reports without a district are left out)."""
    codes = {regions.district_index(code): code for code in districts}
    rows = (
        reports.filter(district_index__in=codes)
        .order_by()
        .values("district_index")
        .annotate(n=Count("pk"))
    )
    return {codes[row["district_index"]]: row["n"] for row in rows}


def by_violence_kind(reports) -> dict[str, int]:
    """Reports naming each kind (a report naming two kinds counts under both)."""
    rows = (
        ReportViolence.objects.filter(report__in=reports.values("pk"))
        .order_by()
        .values("kind")
        .annotate(n=Count("report_id", distinct=True))
    )
    return {row["kind"]: row["n"] for row in rows}


def by_perpetrator_relation(reports) -> dict[str, int]:
    """Reports naming each relation (two perpetrators of one kind count once)."""
    rows = (
        Perpetrator.objects.filter(report__in=reports.values("pk"))
        .order_by()
        .values("relation")
        .annotate(n=Count("report_id", distinct=True))
    )
    counts = {row["relation"] or "": row["n"] for row in rows}
    counts[""] = reports.exclude(perpetrators__relation__gt="").count()
    return counts


def by_service_given(reports) -> dict[str, int]:
    """Reports given each kind of service, from the units' service records (a report
    given two kinds counts under both); under '' the reports given none yet."""
    rows = (
        ServiceRecord.objects.filter(referral__report__in=reports.values("pk"))
        .order_by()
        .values("kind")
        .annotate(n=Count("referral__report", distinct=True))
    )
    counts = {row["kind"]: row["n"] for row in rows}
    counts[""] = reports.exclude(referrals__records__isnull=False).count()
    return counts


def purged_counts(area: str | None, first: date, end: date):
    """What purged reports of ``area`` received from ``first`` up to ``end`` left."""
    return PurgedReportCount.objects.filter(
        within_area_q(area), month__gte=first_of_month(first), month__lt=end
    )


def purged_total(rows) -> int:
    return rows.aggregate(n=Sum("count"))["n"] or 0


def purged_by_fields(rows, *fields) -> dict[tuple, int]:
    """Purged reports by the values of ``fields`` (as ``by_fields``)."""
    grouped = rows.order_by().values(*fields).annotate(n=Sum("count"))
    return {tuple(row[name] or "" for name in fields): row["n"] for row in grouped}


def purged_by_month(rows) -> dict[date, int]:
    return {month: n for (month,), n in purged_by_fields(rows, "month").items()}


def purged_by_region_level(rows, level: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for (code,), n in purged_by_fields(rows, "region_id").items():
        if len(code) >= CODE_LENGTH[level]:
            key = code[: CODE_LENGTH[level]]
            counts[key] = counts.get(key, 0) + n
    return counts


def purged_by_violence_kind(rows) -> dict[str, int]:
    """Purged reports naming each kind (a report naming two counts under both)."""
    counts: dict[str, int] = {}
    for (kinds,), n in purged_by_fields(rows, "violence_kinds").items():
        for kind in kinds.split(",") if kinds else ():
            counts[kind] = counts.get(kind, 0) + n
    return counts


def added(*counts: dict) -> dict:
    """The sum of count dictionaries, key by key."""
    result: dict = {}
    for each in counts:
        for key, n in each.items():
            result[key] = result.get(key, 0) + n
    return result


def threshold() -> int:
    return settings.STATISTICS_THRESHOLD
