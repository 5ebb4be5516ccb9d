"""Bar charts drawn on the server as SVG: no charting script, no request elsewhere.

A chart repeats its table (which stays beside it as the accessible source): one bar
per row, in the table's order, for the table's last column (the count, or the
row's total in a cross-table). Hidden counts get no bar, only their symbol, so a
chart shows exactly what the table shows and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 360  # about a phone's content width: the text stays at its CSS size
LABEL_HEIGHT = 19
BAR_HEIGHT = 18
GAP = 12
TEXT_ROOM = 48  # room right of the longest bar for its number


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    width: int
    hidden: bool

    @property
    def bar_y(self) -> int:
        return self.y + LABEL_HEIGHT

    @property
    def text_x(self) -> int:
        return self.width + 6

    @property
    def text_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_height: int = BAR_HEIGHT


def bar_chart(table) -> BarChart:
    """The chart of a ``content.statistics.Table``."""
    rows = table.body_rows
    values = [row.cells[-1].value or 0 for row in rows]
    largest = max(values, default=0) or 1
    scale = (WIDTH - TEXT_ROOM) / largest
    step = LABEL_HEIGHT + BAR_HEIGHT + GAP
    bars = tuple(
        Bar(
            label=row.label,
            text=row.cells[-1].text,
            y=index * step,
            width=round((row.cells[-1].value or 0) * scale),
            hidden=row.cells[-1].hidden,
        )
        for index, row in enumerate(rows)
    )
    return BarChart(bars=bars, width=WIDTH, height=max(step * len(bars), step))
