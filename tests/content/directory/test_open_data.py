"""/open-data/services.csv and .json: published units only, in the chosen language."""

import csv
import io

import pytest

from content.models import ServiceDirectoryPage, UnitKind
from tests.content.directory.conftest import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(directory, services, locales):
    published = make_unit(
        directory,
        "UPTD PPA Kota Surabaya",
        region="35.78.05",
        address="Jl. Jimerto No. 25-27",
        phone="031 5312144",
        whatsapp="6281130111129",
        services=[services["legal"], services["medical"]],
        hours=[(0, "08:00", "16:00"), (1, "08:00", "16:00")],
        latitude=-7.2655,
        longitude=112.7386,
    )
    draft = make_unit(directory, "Rumah Aman (draft)", kind=UnitKind.SAFE_HOUSE)
    draft.unpublish()
    english_directory = directory.copy_for_translation(locales[1], copy_parents=True)
    english_directory.title, english_directory.slug = "Services", "services"
    english_directory.save_revision().publish()
    english = published.copy_for_translation(locales[1])
    english.title = "UPTD PPA Surabaya City"
    english.save_revision().publish()
    return published, english


def test_json_lists_published_units_with_everything_a_reuser_needs(client, units):
    response = client.get("/open-data/services.json")
    assert response.status_code == 200
    data = response.json()
    assert data["language"] == "id"
    assert "ODbL" in data["attribution"]
    assert [unit["name"] for unit in data["units"]] == ["UPTD PPA Kota Surabaya"]
    unit = data["units"][0]
    assert unit["url"] == "http://localhost/id/layanan/uptd-ppa-kota-surabaya/"
    assert unit["region_code"] == "35.78.05"
    assert unit["region_name"] == "Tegalsari"
    assert unit["regency_name"] == "Kota Surabaya"
    assert unit["province_name"] == "Jawa Timur"
    assert (unit["latitude"], unit["longitude"]) == (-7.2655, 112.7386)
    assert unit["whatsapp"] == "6281130111129"
    assert unit["opening_hours"][0] == {"weekday": 0, "opens": "08:00", "closes": "16:00"}
    assert unit["services"] == ["legal", "medical"] or unit["services"] == ["medical", "legal"]
    assert "Pendampingan hukum" in unit["service_names"]


def test_english_json_has_the_english_titles_and_service_names(client, units):
    data = client.get("/open-data/services.json", {"lang": "en"}).json()
    assert data["language"] == "en"
    assert [unit["name"] for unit in data["units"]] == ["UPTD PPA Surabaya City"]
    assert "Legal accompaniment" in data["units"][0]["service_names"]
    assert data["units"][0]["url"].startswith("http://localhost/en/services/")


def test_csv_has_a_header_and_one_row_per_published_unit(client, units):
    response = client.get("/open-data/services.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert rows[0]["name"] == "UPTD PPA Kota Surabaya"
    assert rows[0]["opening_hours"] == "Mon 08:00-16:00; Tue 08:00-16:00"
    assert rows[0]["free_of_charge"] == "yes"
    assert set(rows[0]["services"].split(";")) == {"legal", "medical"}


def test_units_behind_a_view_restriction_are_not_published(client, units, directory):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=ServiceDirectoryPage.objects.get(pk=directory.pk),
        restriction_type=PageViewRestriction.LOGIN,
    )
    assert client.get("/open-data/services.json").json()["units"] == []


def test_an_unknown_language_is_refused(client, units):
    assert client.get("/open-data/services.json", {"lang": "fr"}).status_code == 400
    assert client.get("/open-data/services.csv", {"lang": "fr"}).status_code == 400


def test_regions_json_lists_children_for_the_cascading_selects(client, regions):
    data = client.get("/open-data/regions.json", {"parent": "35.78"}).json()
    names = [region["name"] for region in data["regions"]]
    assert "Tegalsari" in names and "Karang Pilang" in names
    assert all(region["code"].startswith("35.78.") for region in data["regions"])
    provinces = client.get("/open-data/regions.json").json()["regions"]
    assert len(provinces) == 38
