"""The portal's one search API, used by the public search page and the service directory.

    from search.api import search
    results = search("kekerasan seksual", "id", filters={"region": "35.78"}, page=1)

The service directory narrows the same search further with two keyword arguments:
``within`` (the ids of the pages results must be among, e.g. a queryset of the open
units of one directory) and ``near`` ((latitude, longitude): nearest first instead of
by relevance; pages without a location come last).

Whichever backend settings.SEARCH_BACKEND picks, the answer has the same shape:
``results.hits`` (each with its page, a highlighted snippet and its type),
``results.facets`` (counts by content type, region, service and unit kind, for the
results as filtered), ``results.total`` and ``results.suggestion`` (a better spelling
of the query, or None).

Nothing here stores or logs the query: readers may be searching for help in danger.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.safestring import SafeString

FILTERS = ("content_type", "region", "service", "unit_kind")
MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 50
# A spelling suggestion is offered only when the respelt query finds at least this
# many times as many pages (or the query found none): "lapor" finds the reporting
# pages through its stem, so "Did you mean laporan?" would only send the reader round.
SUGGESTION_GAIN = 2


@dataclass(frozen=True)
class SearchRequest:
    query: str
    language: str
    filters: dict[str, str]
    page: int = 1
    page_size: int = 10
    # Page ids (a list, or a values_list queryset the database backend uses as a subquery).
    within: Iterable[int] | None = field(default=None, compare=False)
    near: tuple[float, float] | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    content_type: str
    snippet: SafeString
    title_highlighted: SafeString
    region_code: str = ""
    unit_kind: str = ""
    score: float = 0.0

    @cached_property
    def page(self):
        from wagtail.models import Page

        return Page.objects.get(pk=self.page_id).specific


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.page_size))

    @property
    def has_next(self) -> bool:
        return self.request.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1


def make_request(
    query: str,
    language: str,
    filters: dict | None = None,
    page: int = 1,
    page_size: int = 10,
    *,
    within: Iterable[int] | None = None,
    near: tuple[float, float] | None = None,
) -> SearchRequest:
    cleaned = {
        name: str(value).strip()
        for name, value in (filters or {}).items()
        if name in FILTERS and value and str(value).strip()
    }
    return SearchRequest(
        query=" ".join((query or "").split())[:MAX_QUERY_LENGTH],
        language=language if language in {"id", "en"} else "id",
        filters=cleaned,
        page=max(1, int(page or 1)),
        page_size=min(MAX_PAGE_SIZE, max(1, int(page_size or 10))),
        within=within,
        near=(float(near[0]), float(near[1])) if near else None,
    )


def search(
    query: str,
    language: str,
    filters: dict | None = None,
    page: int = 1,
    page_size: int = 10,
    backend=None,
    *,
    within: Iterable[int] | None = None,
    near: tuple[float, float] | None = None,
) -> SearchResults:
    """Search the published pages in ``language``; an empty query finds nothing."""
    from search.backends import get_backend
    from search.facets import label_facets

    request = make_request(query, language, filters, page, page_size, within=within, near=near)
    if not request.query:
        return SearchResults(request=request, hits=[], total=0)
    backend = backend or get_backend()
    results = backend.search(request)
    if results.suggestion:
        respelt = make_request(
            results.suggestion, request.language, request.filters, within=request.within
        )
        if not worth_suggesting(results.total, backend.count(respelt)):
            results.suggestion = None
    label_facets(results)
    return results


def worth_suggesting(found: int, found_respelt: int) -> bool:
    """Whether a respelling finds clearly more than the query as the reader typed it."""
    if found_respelt == 0:
        return False
    return found == 0 or found_respelt >= SUGGESTION_GAIN * found
