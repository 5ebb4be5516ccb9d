"""What a page looks like to search: one small "search document" per live page.

Search owns this registry and knows no page model: each app declares the page types it
wants found in a ``searchable`` module of its own (``content/searchable.py``,
``forms/searchable.py``), which ``SearchConfig.ready`` imports. A registration names
the model by its label, and the label is resolved at once: a label that names no
installed page model stops start-up with ``UnknownPageType`` instead of leaving that
type out of search without a word.

``register("content.CampaignPage", "campaign", _("Campaigns"))`` is enough for most
types, because the default adapter reads the usual fields by name (rich text, stream
fields and text for the body; ``region``, ``services``, ``unit_kind``, ``latitude``/
``longitude`` where a model has them). A type that needs something else registers its
own adapter, a function from a page and its entry to a ``SearchDocument``
(``default_document`` builds the usual one to start from).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
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


class UnknownPageType(ImproperlyConfigured):
    """A registration names a model that is not installed, or is not a page type."""


_registry: dict[str, ContentType] = {}


def register(label: str, code: str, name, order: int = 50, adapter=None) -> None:
    """Make the page model ``label`` ("app_label.ModelName") searchable as ``code``.

    Call it from an app's ``searchable`` module (imported once the app registry is
    ready); an unknown label or a model that is not a page raises ``UnknownPageType``.
    """
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        known = ", ".join(sorted(config.label for config in apps.get_app_configs()))
        raise UnknownPageType(
            f"search.documents.register({label!r}): no such model. Labels are "
            f"'app_label.ModelName' and the installed app labels are: {known}."
        ) from error
    if not issubclass(model, Page):
        raise UnknownPageType(f"search.documents.register({label!r}): not a Wagtail page type.")
    _registry[model._meta.label_lower] = ContentType(code, name, order, adapter)


def content_types() -> dict[str, ContentType]:
    """The registered types by code (one code may cover several models)."""
    return {entry.code: entry for entry in _registry.values()}


def content_type_for(page: Page) -> ContentType | None:
    model = page.specific_class or type(page)
    return _registry.get(model._meta.label_lower)


def indexed_models() -> list[type[Page]]:
    return [apps.get_model(label) for label in _registry]


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


def default_document(page: Page, content_type: ContentType) -> SearchDocument:
    """The search document of a page, read from its fields by their usual names."""
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        body=_body_text(page),
        language=page.locale.language_code,
        content_type=content_type.code,
        url=page.get_url() or page.url_path,
        region_code=getattr(page, "region_id", None) or "",
        services=_services(page),
        unit_kind=getattr(page, "unit_kind", None) or "",
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
    adapter = content_type.adapter or default_document
    return adapter(page, content_type)
