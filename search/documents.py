"""What a page looks like to search: one small "search document" per live page.

Page types plug in through a registry instead of the backends knowing every model:
``register("content.CampaignPage", "campaign")`` is enough for most types, because
the default adapter reads the usual fields by name (rich text, stream fields and
text for the body; ``region``, ``services``, ``kind``/``unit_kind``, ``latitude``/
``longitude`` where a model has them). A type that needs something else registers
its own adapter, a function from a page to a ``SearchDocument``.

Models are named by label so the registry can list types that another part of the
portal has not merged yet; a label whose model does not exist is simply skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from search.text import plain_text


@dataclass
class SearchDocument:
    page_id: int
    title: str
    body: str
    language: str
    content_type: str
    url: str
    region_code: str = ""
    services: list[str] = field(default_factory=list)
    unit_kind: str = ""
    latitude: float | None = None
    longitude: float | None = None
    translation_key: str = ""


@dataclass
class ContentType:
    """A kind of result readers can filter by; ``order`` sorts groups on the page."""

    code: str
    label: str
    order: int
    adapter: Callable[[Page, ContentType], SearchDocument] | None = None


_registry: dict[str, ContentType] = {}


def register(label: str, code: str, name, order: int = 50, adapter=None) -> None:
    _registry[label.lower()] = ContentType(code, name, order, adapter)


def content_types() -> dict[str, ContentType]:
    """The registered types by code (one code may cover several models)."""
    return {entry.code: entry for entry in _registry.values()}


def content_type_for(page: Page) -> ContentType | None:
    model = page.specific_class or type(page)
    return _registry.get(model._meta.label_lower)


def indexed_models() -> list[type[Page]]:
    found = []
    for label in _registry:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return found


def _body_text(page: Page) -> str:
    parts = [page.search_description or ""]
    for model_field in page._meta.get_fields():
        if not getattr(model_field, "concrete", False) or model_field.model is Page:
            continue
        value = getattr(page, model_field.attname, None)
        if not value:
            continue
        if isinstance(model_field, StreamField):
            parts.extend(str(text) for text in model_field.get_searchable_content(value))
        elif isinstance(model_field, RichTextField):
            parts.append(plain_text(str(value)))
        elif isinstance(model_field, models.TextField) or (
            isinstance(model_field, models.CharField)
            and not model_field.choices
            and model_field.name not in {"phone", "whatsapp", "email"}
        ):
            parts.append(str(value))
    return " ".join(part.strip() for part in parts if part and part.strip())


def _services(page: Page) -> list[str]:
    services = getattr(page, "services", None)
    if services is None or not hasattr(services, "all"):
        return []
    return sorted({getattr(service, "code", None) or str(service) for service in services.all()})


def _service_names(page: Page) -> list[str]:
    """The names of the services a page offers, in the page's own language where translated.

    Readers search the directory by service ("pendampingan hukum"), so the names are
    search text; a unit may link the other language's translation of a service.
    """
    services = getattr(page, "services", None)
    if services is None or not hasattr(services, "all"):
        return []
    linked = list(services.all())
    if not linked:
        return []
    model = type(linked[0])
    translated = {}
    if hasattr(model, "locale"):
        translated = {
            service.code: service.name
            for service in model.objects.filter(
                locale_id=page.locale_id, code__in=[service.code for service in linked]
            )
        }
    return [translated.get(service.code, getattr(service, "name", "")) for service in linked]


def _place_names(page: Page) -> list[str]:
    """The unit's region and those above it ("Gubeng, Kota Surabaya, Jawa Timur")."""
    names, region = [], getattr(page, "region", None)
    while region is not None and len(names) < 5:
        names.append(region.name)
        region = region.parent
    return names


def _unit_kind(page: Page, content_type: ContentType) -> str:
    # Events have a "kind" too (outreach, coordination): only units have a unit kind.
    if getattr(page, "unit_kind", None):
        return page.unit_kind
    return (getattr(page, "kind", None) or "") if content_type.code == "service_unit" else ""


def default_adapter(page: Page, content_type: ContentType) -> SearchDocument:
    region_code = getattr(page, "region_id", None) or ""
    body = _body_text(page)
    if content_type.code == "service_unit":
        # The directory's box says "name, service or address": a unit is found by the
        # services it offers and the places it is in, not only by its own text.
        extra = ", ".join(_service_names(page) + (_place_names(page) if region_code else []))
        body = f"{body} · {extra}" if body and extra else body or extra
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        body=body,
        language=page.locale.language_code,
        content_type=content_type.code,
        url=page.get_url() or page.url_path,
        region_code=region_code,
        services=_services(page),
        unit_kind=_unit_kind(page, content_type),
        latitude=getattr(page, "latitude", None),
        longitude=getattr(page, "longitude", None),
        translation_key=str(page.translation_key),
    )


def document_for(page: Page) -> SearchDocument | None:
    """The search document of a page, or None when it must not be searchable."""
    page = page.specific
    content_type = content_type_for(page)
    if content_type is None or not page.live:
        return None
    # Pages behind a password or a login never show up in public search.
    if page.get_view_restrictions().exists():
        return None
    adapter = content_type.adapter or default_adapter
    return adapter(page, content_type)


# The portal's page types. Labels of models other parts of the portal are building
# are listed too; until they exist they are skipped.
register("content.HomePage", "page", _("Page"), order=90)
register("content.CampaignPage", "campaign", _("Campaigns"), order=20)
register("content.NewsArticlePage", "news", _("News"), order=30)
register("content.ArticlePage", "news", _("News"), order=30)
register("content.EventPage", "event", _("Events"), order=40)
register("content.ServiceUnitPage", "service_unit", _("Service units"), order=10)
register("content.ServiceDirectoryPage", "page", _("Page"), order=90)
register("content.CampaignIndexPage", "page", _("Page"), order=90)
register("content.ArticleIndexPage", "page", _("Page"), order=90)
register("content.EventIndexPage", "page", _("Page"), order=90)
register("forms.ComplaintPage", "page", _("Page"), order=90)
