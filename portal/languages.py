"""Where the same content lives in each of the portal's languages.

Used by the language switcher and the ``hreflang`` alternates in every public page's
head (portal/templatetags/language_tags.py). Languages come from settings.LANGUAGES,
so a third language needs no change here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page


@dataclass(frozen=True)
class Alternate:
    language_code: str
    name: str  # the language's name in that language: readers look for their own
    url: str
    exact: bool  # the same content, not a fallback to an ancestor or the home page
    current: bool


def local_name(code: str, fallback) -> str:
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return str(fallback)


def live_translation(page: Page, locale: Locale | None) -> Page | None:
    if locale is None:
        return None
    if page.locale_id == locale.pk:
        return page if page.live else None
    return page.get_translations().filter(locale=locale, live=True).first()


def closest_translation(page: Page, locale: Locale | None) -> tuple[Page | None, bool]:
    """The page in ``locale``; else its nearest ancestor that is translated (not exact)."""
    exact = live_translation(page, locale)
    if exact is not None:
        return exact, True
    for ancestor in page.get_ancestors().filter(depth__gt=1).order_by("-depth"):
        found = live_translation(ancestor, locale)
        if found is not None:
            return found, False
    return None, False


def page_alternates(request, page: Page) -> list[Alternate]:
    # One query finds the live translations (with their locales); the list of locales
    # is needed only when a language has none, to look for a translated ancestor. Plain
    # pages with their URL path are enough for a link: no join to the page type's table.
    translations = {
        translation.locale.language_code: translation
        for translation in Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("url_path", "locale__language_code")
    }
    locales = None
    current = get_language()
    alternates = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            target, exact = translations[code], True
        else:
            if locales is None:
                locales = {locale.language_code: locale for locale in Locale.objects.all()}
            target, exact = closest_translation(page, locales.get(code))
        url = target.get_url(request) if target is not None else None
        if url is None:
            url, exact = f"/{code}/", False
        alternates.append(Alternate(code, local_name(code, name), url, exact, code == current))
    return alternates


def view_alternates(request) -> list[Alternate]:
    """For views that are not Wagtail pages: the same URL under each language prefix."""
    current = get_language()
    path = request.get_full_path()
    return [
        Alternate(code, local_name(code, name), translate_url(path, code), True, code == current)
        for code, name in settings.LANGUAGES
    ]


def alternates_for(request, page=None) -> list[Alternate]:
    if isinstance(page, Page):
        return page_alternates(request, page)
    return view_alternates(request)
