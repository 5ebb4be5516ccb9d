"""The service directory as open data, and the region lists the filter form uses.

    /open-data/services.csv?lang=id|en   one row per published unit
    /open-data/services.json?lang=id|en  the same, with opening hours as a list
    /open-data/regions.json?parent=35    the children of a region (or the provinces)

``lang`` chooses which translation of the units to publish (Indonesian by default);
only live pages without view restrictions are included.
"""

from __future__ import annotations

import csv

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from content.models import Region, Service, ServiceUnitPage, UnitKind
from content.models.base import public_q

FIELDS = [
    "url",
    "name",
    "kind",
    "kind_label",
    "region_code",
    "region_name",
    "regency_code",
    "regency_name",
    "province_code",
    "province_name",
    "address",
    "latitude",
    "longitude",
    "phone",
    "whatsapp",
    "email",
    "open_24_hours",
    "opening_hours",
    "free_of_charge",
    "languages",
    "accessibility",
    "services",
    "service_names",
]
# The region columns come from the vendored dataset, whose licence asks for this.
ATTRIBUTION = "Region codes and names: idn-area-data (ODbL), based on Kepmendagri."


def chosen_locale(request) -> Locale | None:
    codes = [code for code, _name in settings.LANGUAGES]
    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    if language not in codes:
        return None
    return Locale.objects.filter(language_code=language).first()


def unit_records(request, locale: Locale) -> list[dict]:
    """Every published unit in ``locale`` as plain data (a fixed number of queries)."""
    from django.utils import translation

    units = list(
        ServiceUnitPage.objects.live()
        .filter(public_q(), locale=locale)
        .select_related("region")
        .prefetch_related("opening_hours", "services")
        .order_by("title", "pk")
    )
    names = {s.code: s.name for s in Service.objects.live().filter(locale=locale)}
    ancestors = {code for unit in units for code in (unit.region_id[:2], unit.region_id[:5])}
    region_names = dict(Region.objects.filter(code__in=ancestors).values_list("code", "name"))
    with translation.override(locale.language_code):
        kind_labels = {value: str(label) for value, label in UnitKind.choices}
    records = []
    for unit in units:
        codes = [service.code for service in unit.services.all() if service.live]
        records.append(
            {
                "url": unit.get_full_url(request),
                "name": unit.title,
                "kind": unit.kind,
                "kind_label": kind_labels.get(unit.kind, unit.kind),
                "region_code": unit.region_id,
                "region_name": unit.region.name,
                "regency_code": unit.region_id[:5] if len(unit.region_id) >= 5 else "",
                "regency_name": region_names.get(unit.region_id[:5], "")
                if len(unit.region_id) >= 5
                else "",
                "province_code": unit.region_id[:2],
                "province_name": region_names.get(unit.region_id[:2], ""),
                "address": unit.address,
                "latitude": unit.latitude,
                "longitude": unit.longitude,
                "phone": unit.phone,
                "whatsapp": unit.whatsapp,
                "email": unit.email,
                "open_24_hours": unit.open_24_hours,
                "opening_hours": [
                    {
                        "weekday": period.weekday,
                        "opens": period.opens.strftime("%H:%M"),
                        "closes": period.closes.strftime("%H:%M"),
                    }
                    for period in sorted(
                        unit.opening_hours.all(), key=lambda p: (p.weekday, p.opens)
                    )
                ],
                "free_of_charge": unit.free_of_charge,
                "languages": unit.languages,
                "accessibility": unit.accessibility,
                "services": codes,
                "service_names": [names.get(code, code) for code in codes],
            }
        )
    return records


def bad_language() -> HttpResponse:
    codes = ", ".join(code for code, _name in settings.LANGUAGES)
    return HttpResponse(f"Unknown lang; use one of: {codes}", status=400, content_type="text/plain")


@require_GET
@cache_control(public=True, max_age=300)
def services_json(request):
    locale = chosen_locale(request)
    if locale is None:
        return bad_language()
    return JsonResponse(
        {
            "language": locale.language_code,
            "generated": timezone.now().isoformat(timespec="seconds"),
            "timezone": settings.TIME_ZONE,
            "attribution": ATTRIBUTION,
            "units": unit_records(request, locale),
        },
        json_dumps_params={"ensure_ascii": False},
    )


WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@require_GET
@cache_control(public=True, max_age=300)
def services_csv(request):
    locale = chosen_locale(request)
    if locale is None:
        return bad_language()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="services-{locale.language_code}.csv"'
    writer = csv.DictWriter(response, fieldnames=FIELDS)
    writer.writeheader()
    for record in unit_records(request, locale):
        record["opening_hours"] = "; ".join(
            f"{WEEKDAYS[p['weekday']]} {p['opens']}-{p['closes']}" for p in record["opening_hours"]
        )
        record["services"] = ";".join(record["services"])
        record["service_names"] = "; ".join(record["service_names"])
        for flag in ("open_24_hours", "free_of_charge"):
            record[flag] = "yes" if record[flag] else "no"
        writer.writerow(record)
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def regions_json(request):
    """The regions directly below ``parent`` (the provinces without it)."""
    parent = request.GET.get("parent", "").strip()
    regions = (
        Region.objects.filter(parent_id=parent)
        if parent
        else Region.objects.filter(level=Region.Level.PROVINCE)
    )
    return JsonResponse(
        {"parent": parent, "regions": list(regions.values("code", "name"))},
        json_dumps_params={"ensure_ascii": False},
    )
