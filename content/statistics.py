"""Where statistics pages get their figures: a registry the producing app fills.

Statistics pages (content/models/statistics.py) show tables of counts, but the
counts come from the complaints (forms/), and imports run one way: forms imports
content, never the reverse. So content owns the contract, the shapes below and one
slot, and forms registers its aggregate API into it when the app is ready
(``forms/apps.py``: ``register_source(...)``). A page renders, charts and exports
whatever the source hands back; it never counts anything itself, so nothing on a
page can bypass the suppression the source applies (docs/statistics.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


class FigureSourceMissing(LookupError):
    """No app registered a figure source (forms is not installed, or not ready)."""


@dataclass(frozen=True)
class Cell:
    """One published count: ``value`` is None when it is hidden.

    ``state`` is "shown", "small" (below the threshold: shown as ``text``, e.g.
    "< 5") or "hidden" (hidden so that a small count cannot be worked out).
    """

    value: int | None
    state: str
    text: str

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    """A table as published: its rows, each with one cell per column."""

    key: str
    title: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()

    @property
    def body_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.is_total)


@dataclass(frozen=True)
class Figures:
    """Everything a statistics page publishes, suppressed once for the whole page."""

    tables: dict[str, Table]
    first_month: date
    last_month: date | None  # None: the period has no complete month yet
    threshold: int
    legend: tuple[tuple[str, str], ...] = field(default=())  # (symbol, meaning)


class FigureSource(Protocol):
    def table_choices(self) -> list[tuple[str, str]]:
        """The tables an editor may place, as (key, label)."""

    def figures(
        self, tables: list[str], area: str | None, first_month: date, last_month: date | None
    ) -> Figures:
        """The named tables for reports of ``area`` (a region code, None for the whole
        country) received from ``first_month`` to ``last_month`` (None: up to the
        last complete month)."""


_source: FigureSource | None = None


def register_source(source: FigureSource) -> None:
    global _source
    _source = source


def source() -> FigureSource:
    if _source is None:
        raise FigureSourceMissing("No figure source is registered (see content/statistics.py).")
    return _source


def table_choices() -> list[tuple[str, str]]:
    """The editor's choice list (a callable, so block definitions stay stable)."""
    try:
        return source().table_choices()
    except FigureSourceMissing:
        return []
