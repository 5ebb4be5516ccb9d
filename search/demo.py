"""Demo content for search: the search page at /id/cari/ and /en/search/, then the index.

Called from ``manage.py load_demo`` (portal) with the demo's Indonesian home page;
idempotent like the rest.
"""

from django.core.management import call_command
from wagtail.models import Locale

from search.models import SearchPage

TITLES = {"id": ("Cari", "cari"), "en": ("Search", "search")}
INTRO = {
    "id": "<p>Cari kampanye, berita, acara dan layanan terdekat.</p>",
    "en": "<p>Search campaigns, news, events and services near you.</p>",
}


def load(home, stdout) -> None:
    """The search page below ``home`` and its translations, then a full index rebuild."""
    indonesian = home.locale
    page = SearchPage.objects.filter(locale=indonesian).first()
    if page is None:
        title, slug = TITLES["id"]
        page = home.add_child(
            instance=SearchPage(title=title, slug=slug, locale=indonesian, intro=INTRO["id"])
        )
    for language in ("en",):
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            continue
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = page.copy_for_translation(locale, copy_parents=True)
        title, slug = TITLES[language]
        translation.title, translation.slug, translation.intro = title, slug, INTRO[language]
        translation.save_revision().publish()
    # Whatever the other demo steps published, the index now matches it.
    call_command("rebuild_search_index", stdout=stdout, stderr=stdout)
    stdout.write(f"Search page ready: {page.url_path}")
