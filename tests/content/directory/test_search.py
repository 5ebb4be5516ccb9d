"""Words in the directory's box: units come from search.api, the filters still apply.

Everything here is a plain GET, as a phone without JavaScript sends it.
"""

import re
from html import unescape

import pytest

from content.models import ServiceUnitPage, UnitKind
from search.indexing import index_pages
from tests.content.directory.conftest import make_unit
from tests.content.directory.test_filters import SURABAYA_CENTRE, units  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(directory, units, services):  # noqa: F811
    """The filter tests' units plus one with an address, all in the search index."""
    make_unit(
        directory,
        "Pos PPT Kelurahan",
        kind=UnitKind.PPT,
        region="35.78.04",
        services=[services["complaint-intake"]],
        address="Kantor Kelurahan, Jl. Jagir No. 100",
    )
    index_pages(ServiceUnitPage.objects.child_of(directory).specific())
    return units


def page_of(client, directory, **params) -> str:
    response = client.get(directory.url, params)
    assert response.status_code == 200
    return response.content.decode()


def titles(html: str) -> list[str]:
    """The unit titles as a reader sees them (highlight marks removed)."""
    found = re.findall(r'<h3><a href="[^"]+">(.*?)</a></h3>', html)
    return [unescape(re.sub(r"<[^>]+>", "", title)) for title in found]


def test_a_name_finds_its_unit_with_the_words_marked(client, directory, indexed):
    html = page_of(client, directory, q="kebraon")
    assert titles(html) == ["Puskesmas Kebraon"]
    assert "Puskesmas <mark>Kebraon</mark>" in html


def test_a_service_name_finds_the_units_that_offer_it(client, directory, indexed):
    # No unit's own text says "hukum": the UPTD offers legal accompaniment.
    assert titles(page_of(client, directory, q="pendampingan hukum"))[0] == "UPTD PPA Kota Surabaya"


def test_an_address_finds_its_unit(client, directory, indexed):
    assert titles(page_of(client, directory, q="jagir")) == ["Pos PPT Kelurahan"]


def test_the_region_name_finds_units_registered_there(client, directory, indexed):
    # The puskesmas is registered at a village of Karang Pilang; no text of it says so.
    assert titles(page_of(client, directory, q="Karang Pilang")) == ["Puskesmas Kebraon"]


def test_words_and_region_service_and_kind_filters_combine(client, directory, indexed):
    # "pendampingan" is in the names of the medical and legal services.
    everywhere = titles(page_of(client, directory, q="pendampingan"))
    assert set(everywhere) == {"UPTD PPA Kota Surabaya", "Puskesmas Kebraon", "Rumah Aman Sidoarjo"}
    medical_in_surabaya = page_of(
        client, directory, q="pendampingan", province="35", regency="35.78", service="medical"
    )
    assert titles(medical_in_surabaya) == ["Puskesmas Kebraon"]
    safe_houses = page_of(client, directory, q="pendampingan", kind=UnitKind.SAFE_HOUSE)
    assert titles(safe_houses) == ["Rumah Aman Sidoarjo"]


def test_kind_filter_works_without_words_too(client, directory, indexed):
    assert titles(page_of(client, directory, kind=UnitKind.POLICE_PPA)) == [
        "Unit PPA Polres Sleman"
    ]


def test_words_with_open_now_keep_only_open_units(client, directory, indexed):
    # The puskesmas publishes no hours, so it is never "open now"; the other two are
    # open round the clock.
    found = titles(page_of(client, directory, q="pendampingan", open_now="on"))
    assert set(found) == {"UPTD PPA Kota Surabaya", "Rumah Aman Sidoarjo"}


def test_words_with_a_location_sort_nearest_first(client, directory, indexed):
    near = ",".join(str(value) for value in SURABAYA_CENTRE)
    html = page_of(client, directory, q="pendampingan", near=near)
    assert titles(html) == ["UPTD PPA Kota Surabaya", "Puskesmas Kebraon", "Rumah Aman Sidoarjo"]
    assert "km" in html


def test_a_misspelt_word_offers_the_right_one_and_keeps_the_filters(client, directory, indexed):
    html = page_of(client, directory, q="pendampingn", province="35")
    assert titles(html) == []
    link = re.search(r'class="search-suggestion">[^<]*<a href="([^"]+)">pendampingan</a>', html)
    assert link
    href = unescape(link.group(1))
    assert "q=pendampingan" in href
    assert "province=35" in href
    assert titles(client.get(directory.url + href).content.decode())


def test_a_correct_word_gets_no_suggestion(client, directory, indexed):
    assert "search-suggestion" not in page_of(client, directory, q="pendampingan")


def test_units_of_another_directory_are_not_listed(client, directory, indexed, home_page):
    from content.models import ServiceDirectoryPage

    other = home_page.add_child(instance=ServiceDirectoryPage(title="Arsip", slug="arsip"))
    stray = make_unit(other, "Puskesmas Kebraon Lama", kind=UnitKind.PUSKESMAS)
    index_pages([stray])
    assert titles(page_of(client, directory, q="kebraon")) == ["Puskesmas Kebraon"]


def test_search_results_are_paginated_and_keep_the_words(client, directory, services):
    for number in range(23):
        make_unit(directory, f"Posko Relawan {number:02d}", kind=UnitKind.VOLUNTEERS)
    make_unit(directory, "UPTD PPA", kind=UnitKind.UPTD_PPA)
    index_pages(ServiceUnitPage.objects.child_of(directory).specific())
    first = page_of(client, directory, q="posko relawan")
    assert len(titles(first)) == 20
    assert "23 " in first
    assert re.search(r'href="\?q=posko\+relawan&amp;page=2"', first)
    second = page_of(client, directory, q="posko relawan", page="2")
    assert len(titles(second)) == 3
    assert not set(titles(first)) & set(titles(second))
    # A page past the end shows the last one, as without words.
    assert titles(page_of(client, directory, q="posko relawan", page="9")) == titles(second)


def test_words_typed_in_the_directory_are_not_logged_or_cached(client, directory, indexed, caplog):
    import logging

    from django.test import override_settings

    client.get(directory.url)  # the site's root paths are cached once
    with override_settings(PAGE_CACHE_SECONDS=60), caplog.at_level(logging.DEBUG):
        plain = client.get(directory.url)
        searched = client.get(directory.url, {"q": "kebraon rahasiaku"})
    assert not [record for record in caplog.records if "rahasiaku" in record.getMessage()]
    # The page cache stores the plain listing, never a response to words.
    assert plain.get("X-Page-Cache") == "miss"
    assert searched.status_code == 200
    assert searched.get("X-Page-Cache") is None
