"""Counting reports in the database: which reports count, and their counts by category.

Only reports that staff verified count, and only while they stay so: a report
marked invalid (a duplicate, a false or test report) never does, and a report
still waiting for triage does not yet. Everything is counted by the database
(one GROUP BY per table), never by loading reports.

The month of a report is the month it was received, in the portal's time zone.
Figures stop at the end of the last complete month, so that a page changes in
monthly steps and never shows "this week's" reports (docs/statistics.md).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from forms.models import Perpetrator, Report, ReportViolence, Status


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
    return Report.objects.filter(
        counted_q(),
        within_area_q(area),
        created_at__gte=local_midnight(first),
        created_at__lt=local_midnight(end),
    )


# Region codes are prefixes of their children's: "35" province, "35.78" regency,
# "35.78.01" district. The code of the level below an area is a prefix of the
# report's region code.
CODE_LENGTH = {"province": 2, "regency": 5, "district": 8}


def total(reports) -> int:
    return reports.count()


def by_fields(reports, *fields) -> dict[tuple, int]:
    """Counts by the values of ``fields`` (tuples of values, '' for not recorded)."""
    rows = reports.order_by().values(*fields).annotate(n=Count("pk"))
    return {tuple(row[name] or "" for name in fields): row["n"] for row in rows}


def by_month(reports) -> dict[date, int]:
    rows = (
        reports.order_by()
        .annotate(month=TruncMonth("created_at", tzinfo=timezone.get_default_timezone()))
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {timezone.localtime(row["month"]).date(): row["n"] for row in rows}


def by_region_level(reports, level: str) -> dict[str, int]:
    """Counts by the region of ``level`` ("province", "regency", "district") the
    report's region lies in."""
    rows = (
        reports.order_by()
        .annotate(code=Substr("region_id", 1, CODE_LENGTH[level]))
        .values("code")
        .annotate(n=Count("pk"))
    )
    return {row["code"]: row["n"] for row in rows if len(row["code"]) == CODE_LENGTH[level]}


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


def threshold() -> int:
    return settings.STATISTICS_THRESHOLD
