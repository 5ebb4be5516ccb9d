"""Builds the directory page's list of units from the reader's filters.

The number of queries does not depend on how many units there are: the filters run
in SQL, one page of results is fetched, and its hours and services are prefetched.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q

from content.directory.filters import DirectoryFilterForm
from content.directory.geo import distance_km, distance_order
from content.directory.hours import is_open, open_now_q
from content.models import ServiceUnitPage


def units_in_region(queryset, code: str):
    """Units in the region with this code or anywhere below it."""
    return queryset.filter(Q(region=code) | Q(region__code__startswith=f"{code}."))


def units_offering(queryset, service_code: str):
    """Units offering the service with this code, whichever translation they link."""
    links = ServiceUnitPage.services.through.objects.filter(
        serviceunitpage_id=OuterRef("pk"), service__code=service_code
    )
    return queryset.filter(Exists(links))


def filter_units(queryset, *, region="", service="", open_now=False, near=None, now=None):
    if region:
        queryset = units_in_region(queryset, region)
    if service:
        queryset = units_offering(queryset, service)
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


def directory_context(page, request, *, now=None) -> dict:
    form = DirectoryFilterForm(request.GET, locale=page.locale)
    form.is_valid()  # invalid choices are dropped below, never shown as errors
    data = getattr(form, "cleaned_data", {})
    units = (
        ServiceUnitPage.objects.live()
        .child_of(page)
        .select_related("region__parent")
        .prefetch_related("opening_hours", "services")
    )
    near = data.get("near")
    units = filter_units(
        units,
        region=form.region_code if data else "",
        service=data.get("service", ""),
        open_now=data.get("open_now", False),
        near=near,
        now=now,
    )
    paginator = Paginator(units, page.per_page)
    results = paginator.get_page(request.GET.get("page"))
    listed = list(results.object_list)
    localise_services(listed, form.services)
    annotate(listed, near=near, now=now)
    region_name = ""
    if data and form.region_code:
        region_name = dict(
            form.fields["district"].choices
            + form.fields["regency"].choices
            + form.fields["province"].choices
        ).get(form.region_code, "")
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "units": listed,
        "results": results,
        "paginator": paginator,
        "near": near,
        "region_name": region_name,
        "query_string": query.urlencode(),
    }
