"""Builds the directory page's list of units from the reader's filters.

Without words to search for, the filters run in SQL, one page of results is fetched,
and its hours and services are prefetched: the number of queries does not depend on
how many units there are.

With words, the units come from the portal's one search API (search.api), the same
ranking, highlighted snippets and spelling suggestion as the public search page, with
the region, service and kind of unit as search filters. "Open now" and "this
directory's units" have no place in the search index, so they reach the search as the
ids of the units that qualify (a subquery on the database backend), and "nearest
first" replaces relevance as the order.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q

from content import page_cache
from content.directory.filters import DirectoryFilterForm
from content.directory.geo import distance_order
from content.directory.hours import is_open, next_change, open_now_q
from content.models import ServiceUnitPage
from content.models.base import LINK_FIELDS, public_q
from search.api import search
from search.geo import distance_km


def units_in_region(queryset, code: str):
    """Units in the region with this code or anywhere below it."""
    return queryset.filter(Q(region=code) | Q(region__code__startswith=f"{code}."))


def units_offering(queryset, service_code: str):
    """Units offering the service with this code, whichever translation they link."""
    links = ServiceUnitPage.services.through.objects.filter(
        serviceunitpage_id=OuterRef("pk"), service__code=service_code
    )
    return queryset.filter(Exists(links))


def filter_units(queryset, *, region="", service="", kind="", open_now=False, near=None, now=None):
    if region:
        queryset = units_in_region(queryset, region)
    if service:
        queryset = units_offering(queryset, service)
    if kind:
        queryset = queryset.filter(kind=kind)
    if open_now:
        queryset = queryset.filter(open_now_q(now))
    if near:
        # Units without coordinates still show, after those with a distance.
        distance = distance_order(*near)
        return queryset.order_by(distance.asc(nulls_last=True), "title")
    return queryset.order_by("title")


def localise_services(units, services) -> None:
    """Give each unit ``service_list`` in the reader's language (matched by code)."""
    by_code = {service.code: service for service in services}
    for unit in units:
        # A service still waiting for a moderator is not shown.
        unit.service_list = [by_code.get(s.code, s) for s in unit.services.all() if s.live]


def annotate(units, *, near=None, now=None) -> None:
    """What each listed unit shows besides its fields: open now, distance."""
    for unit in units:
        unit.is_open_now = is_open(unit, now)
        unit.distance_km = (
            distance_km(near[0], near[1], unit.latitude, unit.longitude)
            if near and unit.has_location
            else None
        )


# What a unit card shows (content/templates/content/includes/unit_card.html), with what
# "open now" and the distance are computed from; a field left out costs a query a card.
CARD_FIELDS = (
    *LINK_FIELDS,
    "kind",
    "region__name",
    "region__parent__name",
    "address",
    "latitude",
    "longitude",
    "phone",
    "whatsapp",
    "open_24_hours",
    "free_of_charge",
)


def _with_card_data(queryset):
    return (
        queryset.select_related("region__parent")
        .only(*CARD_FIELDS)
        .prefetch_related("opening_hours", "services")
    )


def _page_number(value) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except (TypeError, ValueError):
        return 1


def units_by_filters(page, data, region, number, *, now=None):
    """One page of the units the filters select, in SQL (title or distance order)."""
    units = filter_units(
        _with_card_data(ServiceUnitPage.objects.live().child_of(page).filter(public_q())),
        region=region,
        service=data.get("service", ""),
        kind=data.get("kind", ""),
        open_now=data.get("open_now", False),
        near=data.get("near"),
        now=now,
    )
    paginator = Paginator(units, page.per_page)
    results = paginator.get_page(number)
    return list(results.object_list), paginator, results, None


def units_by_search(page, data, region, number, *, now=None):
    """One page of the units the words find, through search.api, with the same filters."""
    candidates = ServiceUnitPage.objects.live().child_of(page).filter(public_q())
    if data.get("open_now"):
        candidates = candidates.filter(open_now_q(now))
    arguments = {
        "query": data["q"],
        "language": page.locale.language_code,
        "filters": {
            "content_type": "service_unit",
            "region": region,
            "service": data.get("service", ""),
            "unit_kind": data.get("kind", ""),
        },
        "page_size": page.per_page,
        "within": candidates.values_list("pk", flat=True),
        "near": data.get("near"),
    }
    found = search(page=_page_number(number), **arguments)
    # A page number past the end shows the last page, as the filtered listing does.
    paginator = Paginator(range(found.total), page.per_page)
    results = paginator.get_page(found.request.page)
    if found.total and results.number != found.request.page:
        found = search(page=results.number, **arguments)
    units = {
        unit.pk: unit
        for unit in _with_card_data(
            ServiceUnitPage.objects.filter(pk__in=[hit.page_id for hit in found.hits])
        )
    }
    listed = []
    for hit in found.hits:
        unit = units.get(hit.page_id)
        if unit is not None:
            unit.search_hit = hit
            listed.append(unit)
    return listed, paginator, results, found.suggestion


def directory_context(page, request, *, now=None) -> dict:
    form = DirectoryFilterForm(request.GET, locale=page.locale)
    form.is_valid()  # invalid choices are dropped below, never shown as errors
    data = getattr(form, "cleaned_data", {})
    near = data.get("near")
    region = form.region_code if data else ""
    number = request.GET.get("page")
    listing = units_by_search if data.get("q", "").strip() else units_by_filters
    listed, paginator, results, suggestion = listing(page, data, region, number, now=now)
    localise_services(listed, form.services)
    annotate(listed, near=near, now=now)
    page_cache.expire_by(request, next_change(listed, now))  # the "open now" badges
    region_name = ""
    if data and form.region_code:
        region_name = dict(
            form.fields["district"].choices
            + form.fields["regency"].choices
            + form.fields["province"].choices
        ).get(form.region_code, "")
    query = request.GET.copy()
    query.pop("page", None)
    suggestion_url = None
    if suggestion:
        respelt = query.copy()
        respelt["q"] = suggestion
        suggestion_url = "?" + respelt.urlencode()
    return {
        "filter_form": form,
        "units": listed,
        "results": results,
        "paginator": paginator,
        "near": near,
        "region_name": region_name,
        "query_string": query.urlencode(),
        "searched": listing is units_by_search,
        "suggestion": suggestion,
        "suggestion_url": suggestion_url,
    }
