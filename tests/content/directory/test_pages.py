import re

import pytest
from wagtail.models import Page

from content.models import HomePage, ServiceDirectoryPage, ServiceUnitPage, UnitKind
from tests.content.directory.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_unit_page_shows_what_the_editor_entered(client, directory, services):
    unit = make_unit(
        directory,
        "UPTD PPA Kota Surabaya",
        kind=UnitKind.UPTD_PPA,
        summary="Layanan terpadu untuk perempuan dan anak.",
        address="Jl. Jimerto No. 25-27, Surabaya",
        phone="(031) 5312 144",
        whatsapp="6281130111129",
        email="uptdppa@surabaya.go.id",
        languages="Bahasa Indonesia, Jawa, Madura",
        accessibility="Pintu masuk landai untuk kursi roda.",
        services=[services["medical"], services["legal"]],
        hours=[(0, "08:00", "16:00")],
    )
    response = client.get(unit.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "UPTD PPA Kota Surabaya",
        "Layanan terpadu untuk perempuan dan anak.",
        "Jl. Jimerto No. 25-27, Surabaya",
        'href="tel:0315312144"',
        'href="https://wa.me/6281130111129"',
        'href="mailto:uptdppa@surabaya.go.id"',
        "Bahasa Indonesia, Jawa, Madura",
        "Pintu masuk landai untuk kursi roda.",
        "Pendampingan medis",
        "Pendampingan hukum",
        "08.00–16.00",
        "Karang Pilang, Kota Surabaya",
    ):
        assert text in html, text


def test_directory_lists_its_published_units(client, directory):
    make_unit(directory, "Puskesmas Tegalsari", kind=UnitKind.PUSKESMAS)
    response = client.get(directory.url)
    assert response.status_code == 200
    assert "Puskesmas Tegalsari" in response.content.decode()


def test_unpublished_unit_is_not_found_and_not_listed(client, directory):
    unit = make_unit(directory, "Rumah Aman Rahasia", kind=UnitKind.SAFE_HOUSE)
    url = unit.url
    unit.unpublish()
    assert client.get(url).status_code == 404
    assert "Rumah Aman Rahasia" not in client.get(directory.url).content.decode()


def test_unpublished_directory_is_not_found(client, directory):
    url = directory.url
    directory.unpublish()
    assert client.get(url).status_code == 404


def test_units_live_only_under_a_directory():
    assert ServiceUnitPage.parent_page_types == ["content.ServiceDirectoryPage"]
    assert ServiceDirectoryPage.can_create_at(HomePage())
    assert not ServiceUnitPage.can_create_at(HomePage())
    assert ServiceUnitPage.can_create_at(ServiceDirectoryPage())
    assert ServiceDirectoryPage.allowed_subpage_models() == [ServiceUnitPage]
    assert not ServiceDirectoryPage.can_create_at(Page())


def test_unit_page_offers_the_place_to_the_phone_map_app_without_third_parties(client, directory):
    unit = make_unit(directory, "Puskesmas Mojo", latitude=-7.2761, longitude=112.7656)
    html = client.get(unit.url).content.decode()
    assert 'href="geo:-7.27610,112.76560"' in html
    assert "maps.google" not in html and "openstreetmap" not in html


def test_english_unit_page_lists_english_service_names(client, directory, services, locales):
    unit = make_unit(directory, "UPTD PPA", services=[services["legal"]])
    english_directory = directory.copy_for_translation(locales[1], copy_parents=True)
    english_directory.save_revision().publish()
    english = unit.copy_for_translation(locales[1])
    english.save_revision().publish()
    html = client.get(english.url).content.decode()
    assert "Legal accompaniment" in html
    assert "Pendampingan hukum" not in html


def test_units_are_found_by_wagtail_search_on_address_and_region(directory, services):
    unit = make_unit(
        directory,
        "Pos PPT Kelurahan Jagir",
        region="35.78.01.1002",
        address="Jl. Jagir Wonokromo No. 100",
        services=[services["shelter"]],
    )
    make_unit(directory, "Unit lain", region="34.04.07")
    assert list(ServiceUnitPage.objects.live().search("Wonokromo")) == [unit]
    assert list(ServiceUnitPage.objects.live().search("Kebraon")) == [unit]


def test_a_unit_behind_a_view_restriction_is_not_listed(client, directory):
    from wagtail.models import PageViewRestriction

    from search.indexing import index_pages

    hidden = make_unit(directory, "Rumah Aman Rahasia", open_24_hours=True)
    make_unit(directory, "Rumah Singgah Surabaya", open_24_hours=True)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    index_pages(ServiceUnitPage.objects.child_of(directory).specific())
    for url in (directory.url, directory.url + "?q=Rumah", "/id/?region=35.78"):
        html = re.sub(r"<[^>]+>", "", client.get(url).content.decode())  # search marks words
        assert "Rumah Singgah Surabaya" in html, url
        assert "Rumah Aman Rahasia" not in html, url
