"""Reports upward: the rows national recording (SIMFONI-PPA) asks for, for one region
and one month or year, as CSV or XLSX, in Indonesian.

Only counted facts leave: categories in clear (kind, age group, sex, region codes,
status, the services referred to). No sealed text is read or written: the query
defers every sealed column, so not even ciphertext is fetched. Only case managers
and administrators export (``access.can(user, "export")``); every export is
audited with its region, period, format and row count, never its content.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from forms.models import AgeGroup, Disability, PlaceCategory, Relation, Sex, Status, ViolenceKind
from forms.models.report import SEALED_FIELDS
from forms.statistics import aggregate
from forms.triage import access
from forms.triage.models import AuditEntry, Referral

COLUMNS = [
    ("number", _("Report number")),
    ("received", _("Date received")),
    ("verified", _("Date verified")),
    ("province", _("Province code")),
    ("regency", _("Regency or city code")),
    ("district", _("District code")),
    ("kinds", _("Kind of violence")),
    ("age", _("Victim age group")),
    ("sex", _("Victim sex")),
    ("disability", _("Victim disability")),
    ("victims", _("Number of victims")),
    ("place", _("Place")),
    ("perpetrators", _("Perpetrators (relation, sex, age group)")),
    ("danger", _("Immediate danger")),
    ("status", _("Status")),
    ("services", _("Services referred")),
]


@dataclass(frozen=True)
class Period:
    year: int
    month: int | None = None  # None: the whole year

    @property
    def first(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def end(self) -> date:
        if self.month:
            return aggregate.next_month(self.first)
        return date(self.year + 1, 1, 1)

    def __str__(self):
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


class ExportRefused(PermissionError):
    pass


def reports_for(user, region: str, period: Period):
    """The counted reports of ``region`` and ``period`` that ``user`` may see."""
    reports = aggregate.counted_reports(region, period.first, period.end)
    return (
        access.reports_visible_to(user, reports)
        .defer(*(f"{name}_sealed" for name in SEALED_FIELDS), "data_key")
        .select_related("case")
        .prefetch_related("violence", "perpetrators")
        .order_by("created_at", "pk")
    )


def rows(user, region: str, period: Period) -> list[list[str]]:
    """The header and one row per report, in Indonesian."""
    with translation.override("id"):
        reports = list(reports_for(user, region, period))
        services = {}
        for report_id, service in (
            Referral.objects.filter(report_id__in=[r.pk for r in reports])
            .order_by("report_id", "service")
            .values_list("report_id", "service")
        ):
            services.setdefault(report_id, []).append(service)
        labels = {
            "kind": dict(ViolenceKind.choices),
            "age": dict(AgeGroup.choices),
            "sex": dict(Sex.choices),
            "status": dict(Status.choices),
            "disability": dict(Disability.choices),
            "place": dict(PlaceCategory.choices),
            "relation": dict(Relation.choices),
        }

        def label(kind, value):
            return str(labels[kind].get(value, "")) if value else ""

        def perpetrator(p):
            return " / ".join(
                label(kind, value) or "-"
                for kind, value in (("relation", p.relation), ("sex", p.sex), ("age", p.age_group))
            )

        yes, no = str(_("Yes")), str(_("No"))
        table = [[str(label) for _key, label in COLUMNS]]
        for report in reports:
            code = report.region_id
            verified = report.case.verified_at
            table.append(
                [
                    str(report.pk),
                    formats.date_format(timezone.localtime(report.created_at), "Y-m-d"),
                    formats.date_format(timezone.localtime(verified), "Y-m-d") if verified else "",
                    code[:2],
                    code[:5] if len(code) >= 5 else "",
                    code[:8] if len(code) >= 8 else "",
                    "; ".join(str(labels["kind"].get(k, k)) for k in report.violence_kinds),
                    label("age", report.victim_age_group),
                    label("sex", report.victim_sex),
                    label("disability", report.victim_disability),
                    str(report.victims),
                    label("place", report.place_category),
                    "; ".join(perpetrator(p) for p in report.perpetrators.all()),
                    yes if report.immediate_danger else no,
                    str(labels["status"].get(report.status, report.status)),
                    "; ".join(dict.fromkeys(services.get(report.pk, []))),
                ]
            )
    return table


def as_csv(table) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    # With a byte-order mark, so that spreadsheet programs read the text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(table) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Laporan"
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FORMATS = {
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "xlsx": (as_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def export(user, region: str, period: Period, fmt: str) -> tuple[bytes, str, str]:
    """The file (bytes, content type, file name); refused unless ``user`` may export."""
    if not access.can(user, "export") or fmt not in FORMATS:
        raise ExportRefused(f"{user} may not export")
    table = rows(user, region, period)
    writer, content_type = FORMATS[fmt]
    with transaction.atomic():
        AuditEntry.record(
            user,
            AuditEntry.Action.EXPORT,
            None,
            f"{fmt} region {region or 'all'} period {period}: {len(table) - 1} reports",
        )
    name = f"laporan-{region or 'semua'}-{period}.{fmt}"
    return writer(table), content_type, name
