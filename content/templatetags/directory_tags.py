""" "Help near you": a few service units in the reader's chosen regency or city.

    {% load directory_tags %}
    {% help_near_you %}              region from the page's ?region= parameter
    {% help_near_you "35.78" %}      a fixed region (any level)

Three queries whatever the size of the directory: the directory page, the regencies
that have units (for the chooser), and the units shown.
"""

from django import template
from django.db.models.functions import Substr
from django.utils.translation import get_language

from content.directory.listing import units_in_region
from content.models import Region, ServiceDirectoryPage, ServiceUnitPage
from content.models.base import public_q

register = template.Library()


@register.inclusion_tag("content/includes/help_near_you.html", takes_context=True)
def help_near_you(context, region_code=None, limit=5):
    request = context.get("request")
    chosen = region_code or (request.GET.get("region", "") if request else "")
    if "directory_page" in context:
        # The home page found it among its children already: no query of its own.
        # (A lazy object there: ``or None`` turns one that holds None into None.)
        directory = context["directory_page"] or None
    else:
        directory = (
            ServiceDirectoryPage.objects.live().filter(locale__language_code=get_language()).first()
        )
    if directory is None:
        return {"directory": None}
    units = ServiceUnitPage.objects.live().child_of(directory).filter(public_q())
    regencies = list(
        Region.objects.filter(
            level=Region.Level.REGENCY,
            code__in=units.annotate(regency=Substr("region_id", 1, 5)).values("regency"),
        ).only("code", "name")
    )
    region = next((r for r in regencies if r.code == chosen), None)
    if chosen and region is None and not region_code:
        chosen = ""  # an unknown ?region= is ignored, not an error
    if chosen:
        units = units_in_region(units, chosen)
    shown = list(
        units.select_related("region")
        .only("title", "url_path", "kind", "open_24_hours", "phone", "region__name")
        .order_by("-open_24_hours", "title")[:limit]
    )
    directory_query = ""
    if chosen:
        directory_query = f"?province={chosen[:2]}" + (
            f"&regency={chosen[:5]}" if len(chosen) >= 5 else ""
        )
    return {
        "directory": directory,
        "request": request,
        "regencies": regencies,
        "chosen": chosen,
        "region": region,
        "units": shown,
        "directory_query": directory_query,
    }
