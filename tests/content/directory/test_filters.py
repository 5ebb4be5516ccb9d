"""The directory's filters as a reader uses them: GET parameters, no JavaScript."""

import re

import pytest

from content.models import UnitKind
from tests.content.directory.conftest import make_unit

pytestmark = pytest.mark.django_db

SURABAYA_CENTRE = (-7.2575, 112.7521)


@pytest.fixture
def units(directory, services):
    """Units in three regions, with different services, hours and places."""
    return {
        "uptd": make_unit(
            directory,
            "UPTD PPA Kota Surabaya",
            region="35.78.05",  # Tegalsari, central Surabaya
            services=[services["complaint-intake"], services["legal"]],
            open_24_hours=True,
            latitude=-7.2655,
            longitude=112.7386,
        ),
        "puskesmas": make_unit(
            directory,
            "Puskesmas Kebraon",
            kind=UnitKind.PUSKESMAS,
            region="35.78.01.1002",  # a village in Karang Pilang, south Surabaya
            services=[services["medical"]],
            latitude=-7.3356,
            longitude=112.6974,
        ),
        "sidoarjo": make_unit(
            directory,
            "Rumah Aman Sidoarjo",
            kind=UnitKind.SAFE_HOUSE,
            region="35.15",
            services=[services["shelter"], services["medical"]],
            open_24_hours=True,
            latitude=-7.4478,
            longitude=112.7183,
        ),
        "sleman": make_unit(
            directory,
            "Unit PPA Polres Sleman",
            kind=UnitKind.POLICE_PPA,
            region="34.04.07",
            services=[services["complaint-intake"]],
            latitude=-7.7167,
            longitude=110.3550,
        ),
        "no_location": make_unit(
            directory,
            "Relawan SAPA Wonokromo",
            kind=UnitKind.VOLUNTEERS,
            region="35.78.04",
            services=[services["complaint-intake"]],
        ),
    }


def listed(client, directory, **params) -> list[str]:
    """The unit titles the directory shows, in order."""
    html = client.get(directory.url, params).content.decode()
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)


def test_without_filters_every_unit_is_listed_by_name(client, directory, units):
    assert listed(client, directory) == [
        "Puskesmas Kebraon",
        "Relawan SAPA Wonokromo",
        "Rumah Aman Sidoarjo",
        "UPTD PPA Kota Surabaya",
        "Unit PPA Polres Sleman",
    ]


def test_province_filter_keeps_units_anywhere_in_the_province(client, directory, units):
    assert listed(client, directory, province="34") == ["Unit PPA Polres Sleman"]
    assert "Unit PPA Polres Sleman" not in listed(client, directory, province="35")


def test_regency_filter_keeps_units_in_its_districts_and_villages(client, directory, units):
    assert listed(client, directory, province="35", regency="35.78") == [
        "Puskesmas Kebraon",
        "Relawan SAPA Wonokromo",
        "UPTD PPA Kota Surabaya",
    ]


def test_district_filter_includes_units_registered_at_a_village(client, directory, units):
    assert listed(client, directory, province="35", regency="35.78", district="35.78.01") == [
        "Puskesmas Kebraon"
    ]


def test_choosing_a_province_offers_its_regencies_without_javascript(client, directory, units):
    html = client.get(directory.url, {"province": "35"}).content.decode()
    regency_select = html[html.index('name="regency"') : html.index('name="district"')]
    assert '<option value="35.78">Kota Surabaya</option>' in regency_select
    assert "Kabupaten Sleman" not in regency_select
    district_select = html[html.index('name="district"') :].split("</select>")[0]
    assert district_select.count("<option") == 1  # only "All districts" until a regency


def test_a_district_left_over_from_another_regency_is_ignored(client, directory, units):
    # The reader changed the regency but the old district was still in the form.
    titles = listed(client, directory, province="35", regency="35.15", district="35.78.01")
    assert titles == ["Rumah Aman Sidoarjo"]


def test_an_unknown_region_code_shows_everything_rather_than_an_error(client, directory, units):
    response = client.get(directory.url, {"province": "<script>"})
    assert response.status_code == 200
    assert len(listed(client, directory, province="99")) == 5


def test_service_filter_matches_by_code(client, directory, units):
    assert listed(client, directory, service="medical") == [
        "Puskesmas Kebraon",
        "Rumah Aman Sidoarjo",
    ]


def test_service_filter_matches_units_linked_to_the_other_language(
    client, directory, units, services, locales
):
    english_legal = services["legal"].get_translation(locales[1])
    units["sleman"].services.set([english_legal])
    units["sleman"].save_revision().publish()
    assert "Unit PPA Polres Sleman" in listed(client, directory, service="legal")


def test_open_now_keeps_round_the_clock_units_and_drops_units_without_hours(
    client, directory, units
):
    # Only the two 24-hour units are certainly open whenever this test runs.
    assert listed(client, directory, open_now="on") == [
        "Rumah Aman Sidoarjo",
        "UPTD PPA Kota Surabaya",
    ]


def test_filters_combine(client, directory, units):
    assert listed(client, directory, province="35", service="medical", open_now="on") == [
        "Rumah Aman Sidoarjo"
    ]


def test_near_sorts_by_distance_and_puts_units_without_coordinates_last(client, directory, units):
    near = f"{SURABAYA_CENTRE[0]},{SURABAYA_CENTRE[1]}"
    assert listed(client, directory, near=near) == [
        "UPTD PPA Kota Surabaya",
        "Puskesmas Kebraon",
        "Rumah Aman Sidoarjo",
        "Unit PPA Polres Sleman",
        "Relawan SAPA Wonokromo",
    ]
    html = client.get(directory.url, {"near": near}).content.decode()
    assert "1,7 km" in html  # UPTD PPA, 1.7 km from the city centre (Indonesian decimals)


def test_near_from_yogyakarta_puts_sleman_first(client, directory, units):
    assert listed(client, directory, near="-7.78,110.37")[0] == "Unit PPA Polres Sleman"


@pytest.mark.parametrize("near", ["", "abc", "-7.2", "91,112", "-7.2,200", "nan,nan", "1,2,3"])
def test_a_malformed_location_is_ignored(client, directory, units, near):
    assert listed(client, directory, near=near)[0] == "Puskesmas Kebraon"


def test_a_shared_location_is_not_logged_or_set_in_a_cookie(client, directory, units, caplog):
    caplog.set_level("DEBUG")
    response = client.get(directory.url, {"near": "-7.2575,112.7521"})
    assert response.status_code == 200
    assert "112.75" not in caplog.text
    assert not response.cookies


def test_results_are_paginated_and_keep_the_filters(client, directory, services):
    from tests.content.directory.conftest import bulk_units

    bulk_units(directory, 25, services=[services["medical"]])
    html = client.get(directory.url, {"service": "medical"}).content.decode()
    assert "25 service units" in html or "25 unit layanan" in html
    assert 'href="?service=medical&amp;page=2"' in html
    second = client.get(directory.url, {"service": "medical", "page": 2}).content.decode()
    assert second.count('class="unit-card"') == 5
