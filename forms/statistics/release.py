"""Publishing figures: one suppression over all the tables of a page, cached and sticky.

``publish()`` is the aggregate API that statistics pages call (through the registry
in content/statistics.py). It counts in the database, suppresses once for every
table of the page together (so shared margins agree), and caches the result until
a report changes state (``changed()``, called by the triage actions and the purge)
or a month closes (the cut-off is part of the cache key).

Cells hidden once for an area and period stay hidden in later releases of the same
figures (``PublishedFigures``): otherwise last month's complement, shown this
month, would give back last month's small count by subtraction.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from content import page_cache
from content import statistics as contract
from forms.models import PublishedFigures
from forms.statistics import aggregate
from forms.statistics.suppression import suppress
from forms.statistics.tables import TABLES, TOTAL, Grid, Scope

GENERATION_KEY = "statistics:generation"
CACHE_SECONDS = 24 * 3600


def generation() -> int:
    return page_cache.generation(GENERATION_KEY)


def changed(**kwargs) -> None:
    """Figures may have changed (a report changed state, was edited or purged).

    Bumped at once, for readers inside this transaction, and again on commit: a
    reader elsewhere who counted between the two (still seeing the old rows) cached
    under a generation the commit then leaves behind.
    """
    page_cache.bump(GENERATION_KEY)
    transaction.on_commit(lambda: page_cache.bump(GENERATION_KEY))


def table_choices() -> list[tuple[str, str]]:
    return [(key, table.label) for key, table in TABLES.items()]


def release_key(area: str | None, first: date, last: date | None) -> str:
    """The name of one publication history: an area and a period (running or fixed)."""
    text = f"{area or ''}|{first:%Y-%m}|{last:%Y-%m}" if last else f"{area or ''}|{first:%Y-%m}|"
    return hashlib.sha256(text.encode()).hexdigest()


def _encode(key: tuple) -> list:
    return [list(pair) for pair in key]


def _decode(cells) -> set[tuple]:
    return {tuple(tuple(pair) for pair in cell) for cell in cells}


def compute(keys: list[str], scope: Scope, last: date | None, threshold: int):
    """Count and suppress (no cache): the grids, the primary and all hidden cells."""
    grids = [TABLES[key].grid(scope, threshold).translated() for key in keys]
    values = {TOTAL: scope.total()}
    lines = []
    for grid in grids:
        values.update(grid.values())
        lines += grid.lines()
    name = release_key(scope.area, scope.first, last)
    with transaction.atomic():
        record, _created = PublishedFigures.objects.select_for_update().get_or_create(key=name)
        before = _decode(record.hidden)
        outcome = suppress(values, lines, threshold, keep_hidden=before)
        after = before | outcome.hidden
        if after != before:
            record.hidden = sorted(_encode(cell) for cell in after)
            record.save(update_fields=["hidden", "updated_at"])
    return grids, values, outcome.primary, outcome.hidden


def publish(
    keys: list[str], area: str | None, first_month: date, last_month: date | None
) -> contract.Figures:
    """The figures of the tables ``keys`` (unknown keys are left out), suppressed."""
    keys = [key for key in dict.fromkeys(keys) if key in TABLES]
    threshold = aggregate.threshold()
    first = aggregate.first_of_month(first_month)
    cutoff = aggregate.current_cutoff()
    end = cutoff
    if last_month is not None:
        end = min(cutoff, aggregate.next_month(aggregate.first_of_month(last_month)))
    legend = (
        (
            f"< {threshold}",
            _("Fewer than %(n)s reports: not shown, to protect the people counted.")
            % {"n": threshold},
        ),
        ("x", _("Not shown, so that the small counts cannot be worked out from the totals.")),
    )
    if end <= first:
        return contract.Figures({}, first, None, threshold, legend)
    scope = Scope(area=area or None, first=first, end=end)
    cache_key = "statistics:{}:{}".format(
        generation(),
        hashlib.sha256(
            json.dumps(
                [
                    keys,
                    scope.area,
                    f"{first}",
                    f"{end}",
                    f"{last_month}",
                    threshold,
                    translation.get_language(),
                ]
            ).encode()
        ).hexdigest(),
    )
    released = cache.get(cache_key)
    if released is None:
        released = compute(keys, scope, last_month, threshold)
        cache.set(cache_key, released, CACHE_SECONDS)
    grids, values, primary, hidden = released
    shown = Presenter(values, primary, hidden, threshold)
    last = aggregate.months_between(first, end)[-1]
    return contract.Figures(
        {grid.key: shown.table(grid) for grid in grids}, first, last, threshold, legend
    )


class Presenter:
    """Turns suppressed cells into the published text."""

    def __init__(self, values, primary, hidden, threshold):
        self.values, self.primary, self.hidden = values, primary, hidden
        self.threshold = threshold

    def cell(self, key) -> contract.Cell:
        if key in self.primary:
            return contract.Cell(None, "small", f"< {self.threshold}")
        if key in self.hidden:
            return contract.Cell(None, "hidden", "x")
        value = self.values[key]
        return contract.Cell(value, "shown", str(value))

    def table(self, grid: Grid) -> contract.Table:
        all_reports = str(_("All reports"))
        if grid.column_dimension is None:
            rows = [
                contract.Row(str(label), (self.cell(grid.cell_key(value)),))
                for value, label in grid.rows
            ]
            rows.append(contract.Row(all_reports, (self.cell(TOTAL),), is_total=True))
            columns = (str(_("Reports")),)
        else:
            rows = [
                contract.Row(
                    str(label),
                    (
                        *(self.cell(grid.cell_key(value, c)) for c, _l in grid.columns),
                        self.cell(grid.cell_key(value)),
                    ),
                )
                for value, label in grid.rows
            ]
            rows.append(
                contract.Row(
                    str(_("Total")),
                    (*(self.cell(grid.column_key(c)) for c, _l in grid.columns), self.cell(TOTAL)),
                    is_total=True,
                )
            )
            columns = (*(str(label) for _c, label in grid.columns), str(_("Total")))
        return contract.Table(
            key=grid.key,
            title=str(grid.title),
            row_heading=str(ROW_HEADINGS.get(grid.row_dimension, "")),
            columns=columns,
            rows=tuple(rows),
            notes=tuple(str(note) for note in grid.notes),
        )


ROW_HEADINGS = {
    "month": _("Month"),
    "kind": _("Kind of violence"),
    "place": _("Place"),
    "relation": _("Relation to the victim"),
    "disability": _("Disability"),
    "age": _("Age group"),
    "province": _("Province"),
    "regency": _("Regency or city"),
    "district": _("District"),
}


class AggregateSource:
    """What forms registers into content's registry (forms/apps.py)."""

    def table_choices(self):
        return table_choices()

    def figures(self, tables, area, first_month, last_month):
        return publish(tables, area, first_month, last_month)
