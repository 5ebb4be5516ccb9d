"""The tables an editor can place on a statistics page, each as a grid of counts.

A table names its row dimension (and, for a cross-table, its column dimension),
the categories in order with their labels, and how the database counts them. The
grid turns into cells and lines (``forms.statistics.suppression``): a grid over a
single-valued dimension adds up to the page's total, so its cells form a line with
it; a dimension where one report can name several values (the kinds of violence)
does not add up, so its cells are counted and suppressed but form no line.

Cell keys name the categories, not the table, so a margin that two tables share
(all reports; the reports about women) is one cell and is hidden in both or in
neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from content.models import Region
from forms.models import (
    AgeGroup,
    Channel,
    Disability,
    PlaceCategory,
    Relation,
    Sex,
    ViolenceKind,
)
from forms.statistics import aggregate
from forms.statistics.suppression import Line
from forms.triage.models.choices import ClosureOutcome, ServiceKind

NOT_RECORDED = _("Not recorded")
TOTAL = ()


@dataclass
class Grid:
    """Counts by category, before suppression; labels are lazy (translated on use)."""

    key: str
    title: str
    row_dimension: str
    rows: list[tuple[str, object]]  # (value, label)
    counts: dict[tuple, int]  # (row value,) or (row value, column value) -> count
    column_dimension: str | None = None
    columns: list[tuple[str, object]] = field(default_factory=list)
    additive: bool = True
    notes: list[object] = field(default_factory=list)

    def translated(self) -> Grid:
        """The grid with its labels in the active language, as plain strings (what the
        cache keeps: unpickling lazy translations costs far more than the counts)."""
        self.title = str(self.title)
        self.rows = [(value, str(label)) for value, label in self.rows]
        self.columns = [(value, str(label)) for value, label in self.columns]
        self.notes = [str(note) for note in self.notes]
        return self

    def cell_key(self, row: str, column: str | None = None) -> tuple:
        pairs = [(self.row_dimension, row)]
        if column is not None:
            pairs.append((self.column_dimension, column))
        return tuple(sorted(pairs))

    def column_key(self, column: str) -> tuple:
        return ((self.column_dimension, column),)

    def values(self) -> dict[tuple, int]:
        """Every cell this grid publishes, margins included."""
        values = {}
        for row, _label in self.rows:
            if self.column_dimension is None:
                values[self.cell_key(row)] = self.counts.get((row,), 0)
                continue
            for column, _column_label in self.columns:
                values[self.cell_key(row, column)] = self.counts.get((row, column), 0)
            values[self.cell_key(row)] = sum(
                self.counts.get((row, column), 0) for column, _l in self.columns
            )
        for column, _label in self.columns:
            values[self.column_key(column)] = sum(
                self.counts.get((row, column), 0) for row, _l in self.rows
            )
        return values

    def lines(self) -> list[Line]:
        if not self.additive:
            return []
        rows = [row for row, _label in self.rows]
        if self.column_dimension is None:
            return [Line(TOTAL, tuple(self.cell_key(row) for row in rows))]
        columns = [column for column, _label in self.columns]
        lines = [
            Line(self.cell_key(row), tuple(self.cell_key(row, c) for c in columns)) for row in rows
        ]
        lines += [
            Line(self.column_key(c), tuple(self.cell_key(row, c) for row in rows)) for c in columns
        ]
        lines.append(Line(TOTAL, tuple(self.cell_key(row) for row in rows)))
        lines.append(Line(TOTAL, tuple(self.column_key(c) for c in columns)))
        return lines


@dataclass(frozen=True)
class Scope:
    """What every table of one page counts: an area and the months received."""

    area: str | None
    first: date
    end: date  # exclusive: the first day after the last counted month

    def reports(self):
        return aggregate.counted_reports(self.area, self.first, self.end)

    def purged(self):
        """The counts purged reports left (month, regency, kinds, age group, sex)."""
        return aggregate.purged_counts(self.area, self.first, self.end)

    def total(self) -> int:
        return aggregate.total(self.reports()) + aggregate.purged_total(self.purged())

    def purged_unrecorded(self, key):
        """Purged reports keep only month, regency, kinds, age group and sex: for any other
        category they count under its "not recorded" row, ``key``."""
        return {key: aggregate.purged_total(self.purged())}


def with_unknown(choices) -> list[tuple[str, object]]:
    return [*choices, ("", NOT_RECORDED)]


class TableKind:
    key = ""
    label = ""

    def grid(self, scope: Scope, threshold: int) -> Grid:
        raise NotImplementedError


class ByMonth(TableKind):
    key = "month"
    label = _("Reports by year and month")

    def grid(self, scope, threshold):
        counts = aggregate.added(
            aggregate.by_month(scope.reports()), aggregate.purged_by_month(scope.purged())
        )
        months = aggregate.months_between(scope.first, scope.end)
        return Grid(
            key=self.key,
            title=self.label,
            row_dimension="month",
            rows=[(f"{m:%Y-%m}", formats.date_format(m, "F Y")) for m in months],
            counts={(f"{month:%Y-%m}",): n for month, n in counts.items()},
        )


class ByMany(TableKind):
    """A category a report can hold several of: counted once per value, no line."""

    dimension = ""
    note = ""

    def rows(self):
        raise NotImplementedError

    def count(self, scope: Scope) -> dict[str, int]:
        raise NotImplementedError

    def grid(self, scope, threshold):
        return Grid(
            key=self.key,
            title=self.label,
            row_dimension=self.dimension,
            rows=self.rows(),
            counts={(value,): n for value, n in self.count(scope).items()},
            additive=False,
            notes=[self.note],
        )


class ByViolenceKind(ByMany):
    key = "kind"
    label = _("Reports by kind of violence")
    dimension = "kind"
    note = _("A report can name several kinds: the kinds add up to more than the total.")

    def rows(self):
        return list(ViolenceKind.choices)

    def count(self, scope):
        return aggregate.added(
            aggregate.by_violence_kind(scope.reports()),
            aggregate.purged_by_violence_kind(scope.purged()),
        )


class ByAgeAndSex(TableKind):
    key = "age_sex"
    label = _("Victims by age group and sex")

    def grid(self, scope, threshold):
        fields = ("victim_age_group", "victim_sex")
        counts = aggregate.added(
            aggregate.by_fields(scope.reports(), *fields),
            aggregate.purged_by_fields(scope.purged(), *fields),
        )
        return Grid(
            key=self.key,
            title=self.label,
            row_dimension="age",
            rows=with_unknown(AgeGroup.choices),
            column_dimension="sex",
            columns=with_unknown(Sex.choices),
            counts=counts,
        )


class ByField(TableKind):
    """A single-valued category of the report (one row per category)."""

    field = ""
    dimension = ""
    choices = ()
    unknown_label = NOT_RECORDED

    def grid(self, scope, threshold):
        counts = aggregate.added(
            aggregate.by_fields(scope.reports(), self.field), scope.purged_unrecorded(("",))
        )
        return Grid(
            key=self.key,
            title=self.label,
            row_dimension=self.dimension,
            rows=[*self.choices, ("", self.unknown_label)],
            counts=counts,
        )


class ByPlace(ByField):
    key = "place"
    label = _("Reports by place")
    field = "place_category"
    dimension = "place"
    choices = PlaceCategory.choices


class ByDisability(ByField):
    key = "disability"
    label = _("Victims with a disability")
    field = "victim_disability"
    dimension = "disability"
    choices = Disability.choices


class ByRelation(ByMany):
    key = "relation"
    label = _("Reports by the perpetrator's relation to the victim")
    dimension = "relation"
    note = _(
        "A report with several perpetrators counts under each relation named: "
        "the rows add up to more than the total."
    )

    def rows(self):
        return with_unknown(Relation.choices)

    def count(self, scope):
        return aggregate.added(
            aggregate.by_perpetrator_relation(scope.reports()), scope.purged_unrecorded("")
        )


class ByChannel(ByField):
    key = "channel"
    label = _("Reports by channel")
    field = "channel"
    dimension = "channel"
    choices = Channel.choices


class ByServiceGiven(ByMany):
    key = "services"
    label = _("Reports by service given")
    dimension = "service"
    note = _(
        "A report given several services counts under each: the rows add up to more "
        "than the total. Counted from the services the units recorded."
    )

    def rows(self):
        return [*ServiceKind.choices, ("", _("No service recorded yet"))]

    def count(self, scope):
        return aggregate.added(
            aggregate.by_service_given(scope.reports()), scope.purged_unrecorded("")
        )


class ByOutcome(ByField):
    key = "outcome"
    label = _("Reports by outcome")
    field = "case__closure_outcome"
    dimension = "outcome"
    choices = ClosureOutcome.choices
    unknown_label = _("Still being handled, or no outcome recorded")


class ByArea(TableKind):
    """By the regions one level below the page's area, never finer than a regency
    unless every district's count clears the threshold."""

    key = "area"
    label = _("Reports by region")

    def grid(self, scope, threshold):
        reports = scope.reports()
        level = {None: "province", 1: "regency", 2: "district"}[area_level(scope.area)]
        if scope.area:
            regions = list(Region.objects.filter(parent_id=scope.area).order_by("code"))
        else:
            regions = list(Region.objects.filter(level=Region.Level.PROVINCE).order_by("code"))
        codes = {region.code for region in regions}
        if level == "district":
            # Purged reports keep no district: they count as placed above it.
            counts = aggregate.by_district(reports, codes)
        else:
            counts = aggregate.added(
                aggregate.by_region_level(reports, level),
                aggregate.purged_by_region_level(scope.purged(), level),
            )
        counts = {code: n for code, n in counts.items() if code in codes}
        # Reports placed only above this level (a regency without its district).
        total = scope.total()
        counts[""] = total - sum(counts.values())
        notes = []
        if level == "district" and any(0 < n < threshold for n in counts.values()):
            regions = list(Region.objects.filter(code=scope.area))
            counts = {scope.area: total, "": 0}
            level = "regency"
            notes.append(
                _(
                    "Shown for the regency as a whole: some of its districts have too "
                    "few reports to show them apart."
                )
            )
        return Grid(
            key=self.key,
            title=self.label,
            row_dimension=level,
            rows=[(region.code, region.name) for region in regions] + [("", NOT_RECORDED)],
            counts={(code,): n for code, n in counts.items()},
            notes=notes,
        )


def area_level(area: str | None) -> int | None:
    if not area:
        return None
    return {2: 1, 5: 2}.get(len(area), 2)


TABLES: dict[str, TableKind] = {
    table.key: table
    for table in (
        ByMonth(),
        ByViolenceKind(),
        ByAgeAndSex(),
        ByPlace(),
        ByRelation(),
        ByDisability(),
        ByChannel(),
        ByServiceGiven(),
        ByOutcome(),
        ByArea(),
    )
}
