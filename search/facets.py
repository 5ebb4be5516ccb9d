"""Facet values as readers see them: regions rolled up one level, labels in their language.

Backends count regions by the exact code a page carries (often a village or a
district). A list of villages helps nobody, so counts are summed up to the level just
below the region the reader filtered on (provinces when there is no region filter).
"""

from __future__ import annotations

from collections import Counter

from search.api import FacetValue, SearchResults
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


def _labels(model_label: str, field_name: str, codes: list[str], language: str) -> dict:
    from django.apps import apps

    try:
        model = apps.get_model(model_label)
    except LookupError:
        return {}
    objects = model.objects.filter(**{f"{field_name}__in": codes})
    if hasattr(model, "locale"):
        objects = objects.filter(locale__language_code=language)
    return {getattr(obj, field_name): str(obj) for obj in objects}


def _unit_kind_labels() -> dict:
    try:
        from content.models.directory import UnitKind
    except ImportError:
        return {}
    return dict(UnitKind.choices)


def label_facets(results: SearchResults) -> None:
    facets = results.facets
    if not facets:
        return
    if "region" in facets:
        facets["region"] = _roll_up(facets["region"], results.request.filters.get("region"))
    language = results.request.language
    types = content_types()
    labels = {
        "content_type": {code: entry.label for code, entry in types.items()},
        "region": _labels(
            "content.Region", "code", [v.value for v in facets.get("region", [])], language
        ),
        "service": _labels(
            "content.Service", "code", [v.value for v in facets.get("service", [])], language
        ),
        "unit_kind": _unit_kind_labels(),
    }
    for name, values in facets.items():
        for value in values:
            value.label = str(labels.get(name, {}).get(value.value, value.value))
