"""An attacker who knows every published cell of a table and how its totals add up.

Independent of the suppression code: it tries every assignment of the inner cells
that agrees with what is published (shown numbers exactly, "< t" cells between 1
and t-1, "x" cells anything from 0 to ``bound``) and collects, for each hidden
cell, every value it could have. A hidden cell with one possible value is
recovered.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product


def possible_values(rows, columns, published, small, threshold, bound, margins=True):
    """``published``: cell name -> number or None (hidden); names are ("cell", i, j),
    ("row", i), ("column", j), ("total",). ``small``: the names shown as "< t".
    1-D tables: ``columns == 1`` and ``margins=False`` (no row totals)."""

    def choices(name):
        if published.get(name) is not None:
            return [published[name]]
        if name in small:
            return list(range(1, threshold))
        return list(range(bound + 1))

    seen = defaultdict(set)
    row_options = []
    for i in range(rows):
        options = []
        for combo in product(*(choices(("cell", i, j)) for j in range(columns))):
            if margins:
                total = sum(combo)
                if total not in choices(("row", i)):
                    continue
            options.append(combo)
        row_options.append(options)
    for assignment in product(*row_options):
        column_totals = [sum(row[j] for row in assignment) for j in range(columns)]
        grand = sum(column_totals)
        if grand not in choices(("total",)):
            continue
        if margins and any(c not in choices(("column", j)) for j, c in enumerate(column_totals)):
            continue
        for i, row in enumerate(assignment):
            for j, value in enumerate(row):
                seen[("cell", i, j)].add(value)
            if margins:
                seen[("row", i)].add(sum(row))
        if margins:
            for j, value in enumerate(column_totals):
                seen[("column", j)].add(value)
        seen[("total",)].add(grand)
    return {name: values for name, values in seen.items() if published.get(name) is None}
