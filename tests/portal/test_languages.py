"""The language switcher and hreflang alternates on public pages."""

import re

import pytest

from content.models import HomePage
from portal.translations import translate
from tests.utils import hreflang_alternates as alternates
from tests.utils import language_switcher_links as switcher_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, locales):
    """Home > About > Contact in Indonesian; Home and About translated, Contact not."""
    _, english = locales
    about = home_page.add_child(instance=HomePage(title="Tentang kami", slug="tentang"))
    contact = about.add_child(instance=HomePage(title="Kontak", slug="kontak"))
    home_en = translate(home_page, english, {"beranda": "english-home"})
    about_en = translate(about, english, {"Tentang kami": "About us", "tentang": "about"})
    return home_page, about, contact, home_en, about_en


def test_translated_pages_have_translated_slugs_in_their_urls(client, tree):
    _, about, _, _, about_en = tree
    assert about.url == "/id/tentang/"
    assert about_en.url == "/en/about/"
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert "About us" in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


def test_hreflang_alternates_name_every_language_version_and_the_default(client, tree):
    html = client.get("/id/tentang/").content.decode()
    assert alternates(html) == {
        "id": "http://testserver/id/tentang/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/id/tentang/",
    }
    # The English page lists the same set: alternates must be reciprocal.
    assert alternates(client.get("/en/about/").content.decode()) == alternates(html)


def test_the_switcher_goes_to_the_same_page_in_the_other_language(client, tree):
    assert switcher_links(client.get("/id/tentang/").content.decode()) == {"en": "/en/about/"}
    assert switcher_links(client.get("/en/about/").content.decode()) == {"id": "/id/tentang/"}


def test_an_untranslated_page_switches_to_its_closest_translated_ancestor(client, tree):
    html = client.get("/id/tentang/kontak/").content.decode()
    assert switcher_links(html) == {"en": "/en/about/"}
    # The ancestor is other content: it is no hreflang alternate of this page.
    assert set(alternates(html)) == {"id", "x-default"}


def test_a_draft_translation_is_not_offered(client, tree):
    about_en = tree[-1]
    about_en.unpublish()
    html = client.get("/id/tentang/").content.decode()
    assert switcher_links(html) == {"en": "/en/"}
    assert "en" not in alternates(html)


def test_the_current_language_is_marked_not_linked(client, tree):
    html = client.get("/en/about/").content.decode()
    assert re.search(r'<span aria-current="true" lang="en">English</span>', html)
    assert 'lang="id">Bahasa Indonesia</a>' in html


def test_every_language_is_offered_in_its_own_name(client, tree, settings):
    # A third language is a settings change: the switcher follows LANGUAGES.
    settings.LANGUAGES = [*settings.LANGUAGES, ("jv", "Javanese")]
    html = client.get("/id/tentang/").content.decode()
    assert set(switcher_links(html)) == {"en", "jv"}
    assert switcher_links(html)["jv"] == "/jv/"
