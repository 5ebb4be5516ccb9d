"""Primary and secondary suppression of small counts (the method: docs/statistics.md).

A page of figures is one system of cells and lines. A *cell* is one count, named
by its key: a tuple of ``(dimension, value)`` pairs, ``()`` for all reports. A
*line* says that some cells add up to another (the months of a year to the year,
the age bands of one sex to that sex's total). Cells shared by several tables of a
page (the grand total, a margin) have one key, so they are hidden everywhere or
nowhere.

- Primary: every count from 1 to ``threshold - 1`` is hidden (shown as "< 5", or as
  a plain hidden cell inside a total that is itself "< 5": ``marked_small``).
- Secondary: more cells are hidden until no hidden cell can be worked out from
  what is shown:

  1. in every line with a hidden cell, at least two cells are hidden, and when the
     line's total is shown the hidden members add up to at least ``threshold``
     (so "what is left of the total" is never itself a small count);
  2. no hidden cell can be narrowed by an attacker who adds and subtracts every
     published total of the page and knows that a "< t" cell lies in 1..t-1:
     checked with two linear programmes per hidden cell (``narrowed``).

  The cell hidden next is always the smallest positive count that helps (the
  least information lost), ties broken by key, so the same counts always give
  the same pattern. ``keep_hidden`` carries the cells hidden in the previous
  release of the same figures, so a complement once chosen stays hidden and two
  releases cannot be combined to undo each other (a hidden cell never reappears
  while its figures are published).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

Key = tuple


@dataclass(frozen=True)
class Line:
    """``sum(members) == total``: a published total and the cells that make it."""

    total: Key
    members: tuple[Key, ...]
    group: str = ""  # the table: members are expanded through lines of the same table

    def cells(self) -> tuple[Key, ...]:
        return (*self.members, self.total)


@dataclass(frozen=True)
class Suppression:
    """The outcome: which cells are hidden, and why."""

    primary: frozenset
    secondary: frozenset

    @property
    def hidden(self) -> frozenset:
        return self.primary | self.secondary


def suppress(
    values: Mapping[Key, int],
    lines: Iterable[Line],
    threshold: int,
    keep_hidden: Iterable[Key] = (),
) -> Suppression:
    """Hide the small cells of ``values`` and enough others (see the module docstring)."""
    lines = [line for line in lines if line.members]
    for line in lines:
        missing = [key for key in line.cells() if key not in values]
        if missing:
            raise KeyError(f"line names cells without a value: {missing}")
    small = frozenset(key for key, value in values.items() if 0 < value < threshold)
    hidden = set(small) | (set(keep_hidden) & set(values))
    primary = marked_small(small, lines)
    while _complete_lines(values, lines, hidden, threshold, primary) or _break_exact(
        values, lines, hidden, primary, threshold
    ):
        pass
    return Suppression(primary=primary, secondary=frozenset(hidden - primary))


def marked_small(small, lines) -> frozenset:
    """The small cells shown as "< t": not those inside a small total.

    Below a total that is itself "< t", marking its parts "< t" too would tell that
    each is at least 1 while together they are at most t - 1 (four parts of a total
    under 5 are then all 1): they are shown as plain hidden cells instead.
    """
    inside = set()
    pending = [line.total for line in lines if line.total in small]
    while pending:
        total = pending.pop()
        for line in lines:
            if line.total == total:
                for member in line.members:
                    if member not in inside:
                        inside.add(member)
                        pending.append(member)
    return frozenset(small - inside)


def _order(values, key):
    """The cheapest cell to hide next: smallest positive count, then zeros, by key."""
    value = values[key]
    return (value == 0, value, repr(key))


def _complement(values, candidates, hidden):
    visible = [key for key in candidates if key not in hidden]
    return min(visible, key=lambda key: _order(values, key)) if visible else None


def _leaves(key, totals, seen=()) -> list:
    """The cells below ``key`` in its table (itself, when it is no line's total)."""
    line = totals.get(key)
    if line is None or key in seen:
        return [key]
    return [leaf for member in line.members for leaf in _leaves(member, totals, (*seen, key))]


def line_is_safe(values, line: Line, hidden, threshold: int, primary=frozenset(), totals=None):
    """Rule 1 for one line (a line with nothing hidden is safe).

    With the total shown, what the hidden members hold is known: the hidden cells
    below them (their members' members, down to the table's inner cells) must add
    up to at least the threshold and, when they are all "< t" cells, known to lie in
    1..t-1, to strictly between k and k * (t - 1) for k of them (else each is pinned
    to 1 or to t - 1).
    """
    hidden_cells = [key for key in line.cells() if key in hidden]
    if not hidden_cells:
        return True
    if len(hidden_cells) < 2:
        return False
    if line.total in hidden:
        return True
    totals = totals or {}
    inner = {
        leaf
        for key in line.members
        if key in hidden
        for leaf in _leaves(key, totals)
        if leaf in hidden
    }
    rest = sum(values[key] for key in inner)
    if rest < threshold:
        return False
    if all(key in primary for key in inner):
        return len(inner) < rest < len(inner) * (threshold - 1)
    return True


def _complete_lines(values, lines, hidden, threshold, primary) -> bool:
    """Apply rule 1 until it holds everywhere; True when a cell was hidden."""
    grew = False
    changed = True
    while changed:
        changed = False
        for line in lines:
            totals = {other.total: other for other in lines if other.group == line.group}
            totals.pop(line.total, None)
            if line_is_safe(values, line, hidden, threshold, primary, totals):
                continue
            members = [key for key in line.members if key not in hidden and values[key] > 0]
            choice = _complement(values, members, hidden)
            if choice is None:
                # No positive member left to add: hide the total (its other lines then
                # protect it), or, with the total hidden already, any member.
                choice = _complement(values, [line.total], hidden)
            if choice is None:
                choice = _complement(values, line.members, hidden)
            if choice is None:
                continue  # everything in the line is hidden
            hidden.add(choice)
            grew = changed = True
    return grew


def narrowed(values, lines, hidden, primary, threshold) -> set:
    """The hidden cells an attacker can narrow down (rule 2).

    The attacker knows every shown cell, that each line adds up, that a "< t" cell
    lies in 1..t-1 and any other hidden cell is at least 0. For every hidden cell
    that takes part in a line, two linear programmes give the least and the most it
    can be. A "< t" cell is narrowed when that range is narrower than
    ``protection(t)`` (for t = 5: at least 1..3 of 1..4; a small margin made of
    small cells cannot leave each of them the whole 1..4), any other hidden cell
    when the range is a single value (recovered exactly).
    """
    involved = sorted({key for line in lines for key in line.cells() if key in hidden}, key=repr)
    if not involved:
        return set()
    index = {key: position for position, key in enumerate(involved)}
    equations, constants = [], []
    for line in lines:
        row = np.zeros(len(involved))
        known = 0
        for key, sign in [*((member, 1) for member in line.members), (line.total, -1)]:
            if key in index:
                row[index[key]] += sign
            else:
                known += sign * values[key]
        if row.any():
            equations.append(row)
            constants.append(-known)
    bounds = [(1, threshold - 1) if key in primary else (0, None) for key in involved]
    exposed = set()
    for key, position in index.items():
        objective = np.zeros(len(involved))
        objective[position] = 1
        low = _optimum(objective, equations, constants, bounds)
        high = _optimum(-objective, equations, constants, bounds)
        high = None if high is None else -high
        width = None if high is None else high - low
        needed = protection(threshold) if key in primary else 1
        if width is not None and width < needed - EPSILON:
            exposed.add(key)
    return exposed


EPSILON = 1e-6


def protection(threshold: int) -> int:
    """How wide the attacker's range for a "< t" cell must stay: 2 for t = 5."""
    return max(1, min(2, threshold - 2))


def _optimum(objective, equations, constants, bounds):
    """The least value of ``objective`` over the attacker's options (None: unbounded)."""
    result = linprog(
        objective,
        A_eq=np.array(equations),
        b_eq=np.array(constants),
        bounds=bounds,
        method="highs",
    )
    if result.status == 3:  # unbounded
        return None
    if result.status != 0:
        raise RuntimeError(f"suppression audit failed: {result.message}")
    return result.fun


def _break_exact(values, lines, hidden, primary, threshold) -> bool:
    """Rule 2: hide one more cell beside each narrowed one; True when any was."""
    exposed = narrowed(values, lines, hidden, primary, threshold)
    grew = False
    for key in sorted(exposed, key=repr):
        around = [line for line in lines if key in line.cells()]
        members = [cell for line in around for cell in line.cells() if values[cell] > 0]
        choice = _complement(values, members, hidden)
        if choice is None:  # (the grand total's key, (), is falsy: compare with None)
            choice = _complement(values, [cell for line in around for cell in line.cells()], hidden)
        if choice is not None:
            hidden.add(choice)
            grew = True
            break  # one at a time: the next audit sees what this one changed
    return grew
