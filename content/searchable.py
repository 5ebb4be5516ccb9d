"""What of the content app the portal's search finds, and how its facet values are named.

Imported by search's AppConfig (search.documents and search.facets own the registries;
search itself imports nothing from content).
"""

from django.utils.translation import gettext_lazy as _

from content.models import Region, Service, ServiceUnitPage, UnitKind
from search.documents import ContentType, SearchDocument, default_document, register
from search.facets import register_labels


def service_names(unit: ServiceUnitPage) -> list[str]:
    """The names of the services a unit offers, in the unit's own language where translated.

    Readers search the directory by service ("pendampingan hukum"), so the names are
    search text; a unit may link the other language's translation of a service.
    """
    linked = list(unit.services.all())
    if not linked:
        return []
    translated = {
        service.code: service.name
        for service in Service.objects.filter(
            locale_id=unit.locale_id, code__in=[service.code for service in linked]
        )
    }
    return [translated.get(service.code, service.name) for service in linked]


def place_names(unit: ServiceUnitPage) -> list[str]:
    """The unit's region and those above it ("Gubeng, Kota Surabaya, Jawa Timur")."""
    names, region = [], unit.region
    while region is not None and len(names) < 5:
        names.append(region.name)
        region = region.parent
    return names


def unit_document(unit: ServiceUnitPage, content_type: ContentType) -> SearchDocument:
    """A unit is found by the services it offers and the places it is in, as the
    directory's box ("name, service or address") promises, not only by its own text."""
    document = default_document(unit, content_type)
    extra = ", ".join(service_names(unit) + place_names(unit))
    document.body = (
        f"{document.body} · {extra}" if document.body and extra else document.body or extra
    )
    document.unit_kind = unit.kind
    return document


def listing_document(page, content_type: ContentType) -> SearchDocument:
    """A page that lists others (the home page, an index, the directory) is found by its
    name and its search description, not by its introduction: short texts that name
    what is below them ("perlindungan perempuan dan anak") would otherwise outrank
    the very pages they lead to. The statistics page too: its tables name every kind of
    violence and count "laporan" in every row, so by its text it would come first for
    "cara melapor" or "kekerasan seksual", which the form and the services answer."""
    document = default_document(page, content_type)
    document.body = (page.search_description or "").strip()
    return document


register("content.HomePage", "page", _("Page"), order=90, adapter=listing_document)
register("content.CampaignPage", "campaign", _("Campaigns"), order=20)
register("content.ArticlePage", "news", _("News"), order=30)
register("content.EventPage", "event", _("Events"), order=40)
register("content.StatisticsPage", "page", _("Page"), order=90, adapter=listing_document)
register(
    "content.ServiceUnitPage", "service_unit", _("Service units"), order=10, adapter=unit_document
)
register("content.ServiceDirectoryPage", "page", _("Page"), order=90, adapter=listing_document)
register("content.CampaignIndexPage", "page", _("Page"), order=90, adapter=listing_document)
register("content.ArticleIndexPage", "page", _("Page"), order=90, adapter=listing_document)
register("content.EventIndexPage", "page", _("Page"), order=90, adapter=listing_document)

register_labels(
    "region",
    lambda codes, language: dict(Region.objects.filter(code__in=codes).values_list("code", "name")),
)
register_labels(
    "service",
    lambda codes, language: dict(
        Service.objects.filter(code__in=codes, locale__language_code=language).values_list(
            "code", "name"
        )
    ),
)
register_labels("unit_kind", lambda codes, language: dict(UnitKind.choices))
