"""Reports upward: the rows national recording (SIMFONI-PPA) asks for, for one region
and one month or year, as CSV or XLSX, in Indonesian.

Only counted facts leave: categories in clear (kind, age group, sex, region codes,
status, the services referred to). No sealed text is read or written: the queries
select named clear columns only, so not even ciphertext is fetched. Only case managers
and administrators export (``access.can(user, "export")``); every export is
audited with its region, period, format and row count, never its content.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from content.models import Region
from forms import regions
from forms.models import (
    AgeGroup,
    Channel,
    Disability,
    Perpetrator,
    PlaceCategory,
    Relation,
    ReportViolence,
    Sex,
    Status,
    ViolenceKind,
)
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
    ("channel", _("Channel")),
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
    return access.reports_visible_to(user, reports)


FIELDS = (
    "pk",
    "arrived",
    "channel",
    "case__verified_at",
    "region_id",
    "district_index",
    "victim_age_group",
    "victim_sex",
    "victim_disability",
    "victims",
    "place_category",
    "immediate_danger",
    "status",
)


def _grouped(queryset, *fields) -> dict[int, list]:
    """{report id: [values, ...]} from one query over the related rows."""
    grouped = {}
    for report_id, *values in queryset.order_by("report_id", "pk").values_list(
        "report_id", *fields
    ):
        grouped.setdefault(report_id, []).append(values[0] if len(values) == 1 else values)
    return grouped


def rows(user, region: str, period: Period) -> list[list[str]]:
    """The header and one row per report, in Indonesian.

    Plain values, four queries whatever the number of reports (the related rows are
    read through a subquery of the reports, not a list of ids): a province's year is
    tens of thousands of rows. Only clear columns are selected.
    """
    reports = reports_for(user, region, period)
    selected = reports.values("pk")
    kinds = _grouped(ReportViolence.objects.filter(report__in=selected), "kind")
    perpetrators = _grouped(
        Perpetrator.objects.filter(report__in=selected), "relation", "sex", "age_group"
    )
    # The services asked of units (a revoked referral asked nothing in the end).
    services = _grouped(
        Referral.objects.filter(report__in=selected).exclude(status=Referral.Status.REVOKED),
        "services",
    )
    # The district is kept only as a blind index: turn it back into the code for the
    # districts of the region exported (a few hundred HMACs at most).
    districts = Region.objects.filter(level=Region.Level.DISTRICT)
    if region:
        districts = districts.filter(code__startswith=f"{region}.")
    district_codes = {
        regions.district_index(code): code for code in districts.values_list("code", flat=True)
    }
    with translation.override("id"):
        labels = {
            "kind": {k: str(v) for k, v in ViolenceKind.choices},
            "age": {k: str(v) for k, v in AgeGroup.choices},
            "sex": {k: str(v) for k, v in Sex.choices},
            "status": {k: str(v) for k, v in Status.choices},
            "disability": {k: str(v) for k, v in Disability.choices},
            "place": {k: str(v) for k, v in PlaceCategory.choices},
            "relation": {k: str(v) for k, v in Relation.choices},
            "channel": {k: str(v) for k, v in Channel.choices},
        }
        yes, no = str(_("Yes")), str(_("No"))
        header = [str(label) for _key, label in COLUMNS]

    def label(kind, value):
        return labels[kind].get(value, "") if value else ""

    def day(moment):
        return timezone.localtime(moment).date().isoformat() if moment else ""

    def perpetrator(values):
        relation, sex, age = values
        return " / ".join(
            label(kind, value) or "-"
            for kind, value in (("relation", relation), ("sex", sex), ("age", age))
        )

    table = [header]
    for (
        pk,
        created,
        channel,
        verified,
        code,
        district,
        age,
        sex,
        disability,
        victims,
        place,
        danger,
        status,
    ) in reports.annotate(arrived=aggregate.ARRIVED).order_by("arrived", "pk").values_list(*FIELDS):
        table.append(
            [
                str(pk),
                day(created),
                day(verified),
                code[:2],
                code[:5] if len(code) >= 5 else "",
                district_codes.get(district, ""),
                "; ".join(label("kind", k) or k for k in kinds.get(pk, [])),
                label("age", age),
                label("sex", sex),
                label("disability", disability),
                str(victims),
                label("place", place),
                "; ".join(perpetrator(p) for p in perpetrators.get(pk, [])),
                yes if danger else no,
                label("status", status) or status,
                "; ".join(dict.fromkeys(code for asked in services.get(pk, []) for code in asked)),
                label("channel", channel),
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

    # Write-only: rows stream into the file instead of a grid of cell objects (a
    # province's year is some 300,000 cells).
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Laporan")
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
