"""The public search page's context: read the query string, ask search.api, shape it.

Plain links and one GET form: every facet and page link works without JavaScript.
The query is used to answer this one request and is neither stored nor logged.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from search.api import FILTERS, search
from search.documents import content_types

FACET_TITLES = {
    "content_type": _("Type"),
    "region": _("Region"),
    "service": _("Service"),
    "unit_kind": _("Kind of unit"),
}


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _link(params: dict) -> str:
    return "?" + urlencode({name: value for name, value in params.items() if value})


def search_context(page, request) -> dict:
    language = page.locale.language_code
    query = request.GET.get("q", "")
    filters = {name: request.GET.get(name, "") for name in FILTERS}
    results = search(
        query,
        language,
        filters=filters,
        page=_page_number(request.GET.get("page")),
        page_size=page.page_size,
    )
    base = {"q": results.request.query, **results.request.filters}

    facets = []
    for name, values in results.facets.items():
        if not values and name not in results.request.filters:
            continue
        links = []
        for value in values:
            selected = results.request.filters.get(name) == value.value
            params = {**base, name: "" if selected else value.value}
            links.append(
                {
                    "label": value.label,
                    "count": value.count,
                    "url": _link(params),
                    "selected": selected,
                }
            )
        clear = _link({**base, name: ""}) if name in results.request.filters else None
        facets.append({"name": name, "title": FACET_TITLES[name], "links": links, "clear": clear})

    types = content_types()
    groups: dict[str, dict] = {}
    for hit in results.hits:
        entry = types.get(hit.content_type)
        group = groups.setdefault(
            hit.content_type,
            {
                "label": entry.label if entry else hit.content_type,
                "order": entry.order if entry else 99,
                "hits": [],
            },
        )
        group["hits"].append(hit)

    return {
        "query": results.request.query,
        "results": results,
        "result_groups": sorted(groups.values(), key=lambda group: group["order"]),
        "facets": facets,
        "suggestion_url": _link({**base, "q": results.suggestion}) if results.suggestion else None,
        "previous_url": _link({**base, "page": results.request.page - 1})
        if results.has_previous
        else None,
        "next_url": _link({**base, "page": results.request.page + 1}) if results.has_next else None,
    }
