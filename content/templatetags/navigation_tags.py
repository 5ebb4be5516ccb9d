"""Header, footer and link-preview parts of every public page."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from content.models.base import LINK_FIELDS

register = template.Library()

# Open Graph wants a territory: id_ID, en_US.
OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def _menu_pages(context):
    """The live children of the home page the current page belongs to.

    The home page passes them in its context (it lists the sections anyway). Elsewhere
    one query finds them from the page's own tree path: the home page of a language
    is the page's ancestor at depth 2, i.e. the first two path steps.
    """
    if "menu_pages" in context:
        return [page for page in context["menu_pages"] if page.show_in_menus]
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        home_path = page.path[: 2 * Page.steplen]
    else:
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        if site is None:
            return []
        home_path = site.root_page.localized.path
    return list(
        Page.objects.live()
        .in_menu()
        .filter(depth=len(home_path) // Page.steplen + 1, path__startswith=home_path)
        .only(*LINK_FIELDS, "path")
        .order_by("path")
    )


@register.inclusion_tag("content/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    current = context.get("page")
    path = getattr(current, "path", "")
    items = []
    for item in _menu_pages(context):
        # "page" on the page itself, "true" on the section a page is in.
        state = "page" if path == item.path else "true" if path.startswith(item.path) else ""
        items.append((item, state))
    return {"items": items, "request": request}


@register.simple_tag
def link_preview(page):
    """A page's summary and its Open Graph description and image, where its type has them.

    Read here with defaults rather than as ``page.summary`` in the template: a template
    lookup of an attribute a page type lacks ends in ``dir()`` of the page, about half a
    millisecond each on a Wagtail page, three times per page view.
    """
    return {
        "summary": getattr(page, "summary", ""),
        "og_description": getattr(page, "og_description", ""),
        "og_image": getattr(page, "og_image", None),
    }


@register.simple_tag
def og_locale():
    return OG_LOCALES.get(get_language(), "id_ID")


@register.simple_tag(takes_context=True)
def localized_page_url(context, page):
    """The URL of ``page`` in the reader's language (itself where untranslated)."""
    if page is None:
        return ""
    return page.localized.get_url(context.get("request"))


@register.simple_tag
def active_locale():
    return Locale.get_active()
