"""The public search page at /id/cari/ and /en/search/, as a reader's browser gets it."""

import logging

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains, assertNotContains
from wagtail.models import Locale

from content.models import Hotline
from forms.models import ComplaintPage
from search.models import SearchPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def search_page(home_page, corpus):
    page = home_page.add_child(instance=SearchPage(title="Cari", slug="cari"))
    english = Locale.objects.get_or_create(language_code="en")[0]
    translation = page.copy_for_translation(english, copy_parents=True)
    translation.title, translation.slug = "Search", "search"
    translation.save_revision().publish()
    return page


def test_search_page_lives_at_the_contract_addresses(client, search_page):
    assert client.get("/id/cari/").status_code == 200
    assert client.get("/en/search/").status_code == 200


def test_results_are_grouped_by_type_with_highlighted_snippets(client, search_page):
    html = client.get("/id/cari/", {"q": "kekerasan"}).content.decode()
    assert "<h2>Kampanye</h2>" in html or "<h2>Campaigns</h2>" in html
    assert "<mark>" in html
    assert 'href="/beranda/' not in html  # hits link to the pages themselves
    assert "Kenali <mark>kekerasan</mark> seksual dan cari bantuan" in html


def test_the_search_form_is_a_plain_get_form(client, search_page):
    html = client.get("/id/cari/").content.decode()
    assert 'method="get"' in html
    assert 'name="q"' in html
    assert "<script" not in html.split("<main", 1)[1]


def test_facet_links_narrow_the_results_without_javascript(client, search_page):
    html = client.get("/id/cari/", {"q": "korban"}).content.decode()
    assert 'href="?q=korban&amp;service=legal"' in html
    narrowed = client.get("/id/cari/", {"q": "korban", "service": "legal"}).content.decode()
    assert "LBH APIK Jakarta" in narrowed
    assert "Hentikan perundungan" not in narrowed
    assert 'aria-current="true"' in narrowed


def test_english_page_searches_english_pages(client, search_page):
    html = client.get("/en/search/", {"q": "bullying"}).content.decode()
    assert "Stop <mark>bullying</mark> at school" in html
    assert "Hentikan perundungan" not in html


def test_a_typo_offers_the_corrected_query_as_a_link(client, search_page):
    html = client.get("/id/cari/", {"q": "perundngan"}).content.decode()
    assert 'href="?q=perundungan"' in html


def test_an_empty_result_points_to_the_hotline_and_the_complaint_page(
    client, search_page, home_page
):
    Hotline.objects.create(
        name="SAPA 129", number="129", scope=Hotline.Scope.NATIONAL, locale=search_page.locale
    )
    complaint = home_page.add_child(instance=ComplaintPage(title="Lapor", slug="pengaduan"))
    english = complaint.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Report", "make-a-report"
    english.save_revision().publish()

    response = client.get("/id/cari/", {"q": "zyxwvut"})
    assertContains(response, '<a href="tel:129">Telepon SAPA 129</a>', html=True)
    # The complaint page's own address, wherever an editor put it.
    assertContains(
        response, '<a href="/id/pengaduan/">Laporkan kekerasan secara daring</a>', html=True
    )
    response = client.get("/en/search/", {"q": "zyxwvut"})
    assertContains(response, '<a href="/en/make-a-report/">Report violence online</a>', html=True)


def test_without_a_complaint_page_an_empty_result_offers_no_guessed_link(client, search_page):
    response = client.get("/id/cari/", {"q": "zyxwvut"})
    assertNotContains(response, "/id/lapor/")
    assertNotContains(response, "Laporkan kekerasan secara daring")


def test_the_query_is_escaped_where_it_is_shown(client, search_page):
    html = client.get("/id/cari/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_paging_links_keep_the_query_and_filters(client, search_page, monkeypatch):
    monkeypatch.setattr(SearchPage, "page_size", 3)
    first = client.get("/id/cari/", {"q": "korban", "content_type": "service_unit"})
    html = first.content.decode()
    assert 'href="?q=korban&amp;content_type=service_unit&amp;page=2"' in html
    second = client.get(
        "/id/cari/", {"q": "korban", "content_type": "service_unit", "page": "2"}
    ).content.decode()
    assert 'rel="next"' not in second
    assert 'href="?q=korban&amp;content_type=service_unit&amp;page=1"' in second


def test_search_terms_are_neither_stored_nor_logged(client, search_page, caplog):
    assert "wagtail.contrib.search_promotions" not in settings.INSTALLED_APPS
    with caplog.at_level(logging.DEBUG):
        client.get("/id/cari/", {"q": "kekerasan rahasiaku"})
    assert not [record for record in caplog.records if "rahasiaku" in record.getMessage()]
    from django.apps import apps

    assert not any(model.__name__ == "Query" for model in apps.get_models())
