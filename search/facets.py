"""Facet values as readers see them: regions rolled up one level, labels in their language.

Backends count regions by the exact code a page carries (often a village or a
district). A list of villages helps nobody, so counts are summed up to the level just
below the region the reader filtered on (provinces when there is no region filter).

Search stores only codes; the app that owns a kind of code names it, through
``register_labels("region", function)`` in its ``searchable`` module, where the
function maps (codes, language) to {code: label}. A code nobody names shows as itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from search.api import FILTERS, FacetValue, SearchResults
from search.documents import content_types


def _roll_up(values: list[FacetValue], selected: str | None) -> list[FacetValue]:
    depth = selected.count(".") + 2 if selected else 1
    totals: Counter[str] = Counter()
    for value in values:
        code = ".".join(value.value.split(".")[:depth])
        if selected and code == selected:
            continue  # pages on the selected region itself: already in the filter
        totals[code] += value.count
    return [FacetValue(code, count) for code, count in totals.most_common()]


Labeller = Callable[[list[str], str], dict[str, str]]
_labellers: dict[str, Labeller] = {}


def register_labels(facet: str, labeller: Labeller) -> None:
    """Name the values of ``facet`` (one of search.api.FILTERS but content_type)."""
    if facet not in FILTERS or facet == "content_type":
        raise ValueError(f"{facet!r} is not a facet whose values an app names")
    _labellers[facet] = labeller


def label_facets(results: SearchResults) -> None:
    facets = results.facets
    if not facets:
        return
    if "region" in facets:
        facets["region"] = _roll_up(facets["region"], results.request.filters.get("region"))
    language = results.request.language
    types = content_types()
    labels = {"content_type": {code: entry.label for code, entry in types.items()}}
    for name, labeller in _labellers.items():
        if facets.get(name):
            labels[name] = labeller([value.value for value in facets[name]], language)
    for name, values in facets.items():
        for value in values:
            value.label = str(labels.get(name, {}).get(value.value, value.value))
