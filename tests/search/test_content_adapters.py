"""The portal's own page types as search sees them (registered in search.documents)."""

import pytest

from content.models import ServiceUnitPage, UnitKind
from search.api import search
from search.documents import document_for
from tests.content.directory.conftest import directory, make_unit, regions, services  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(directory, services, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        made = make_unit(
            directory,
            "UPTD PPA Kota Surabaya",
            region="35.78.01",
            services=[services["legal"], services["medical"]],
            kind=UnitKind.UPTD_PPA,
            summary="Pendampingan hukum dan medis bagi korban kekerasan.",
            latitude=-7.33,
            longitude=112.7,
            phone="031-123456",
        )
    return ServiceUnitPage.objects.get(pk=made.pk)


def test_a_service_unit_document_carries_region_services_kind_and_location(unit):
    document = document_for(unit)
    assert document.content_type == "service_unit"
    assert document.region_code == "35.78.01"
    assert document.services == ["legal", "medical"]
    assert document.unit_kind == "uptd-ppa"
    assert (document.latitude, document.longitude) == (-7.33, 112.7)
    assert "Pendampingan hukum dan medis" in document.body
    # Contact numbers are not search text.
    assert "031-123456" not in document.body


def test_a_published_service_unit_is_found_with_directory_filters(unit):
    results = search(
        "pendampingan hukum",
        "id",
        {"region": "35.78", "service": "legal", "unit_kind": "uptd-ppa"},
    )
    assert [hit.page_id for hit in results.hits] == [unit.pk]
    assert results.hits[0].url == unit.url
    assert search("pendampingan hukum", "id", {"region": "34"}).total == 0


def test_an_event_document_has_its_body_blocks_region_and_no_unit_kind(home_page, regions):  # noqa: F811
    import datetime

    from django.utils import timezone

    from content.models import EventPage

    event = home_page.add_child(
        instance=EventPage(
            title="Sosialisasi anti kekerasan",
            summary="Sosialisasi di balai desa.",
            kind=EventPage.Kind.OUTREACH,
            start=timezone.now() + datetime.timedelta(days=3),
            place="Balai desa",
            region_id="35.78",
            body=[("text", "<p>Materi tentang kekerasan seksual dan cara melapor.</p>")],
        )
    )
    document = document_for(event)
    assert document.content_type == "event"
    assert document.region_code == "35.78"
    assert document.unit_kind == ""
    assert "Materi tentang kekerasan seksual dan cara melapor." in document.body
    assert "Sosialisasi di balai desa." in document.body


def test_a_service_unit_is_searchable_by_its_service_names_and_places(unit, locales):
    document = document_for(unit)
    # Service names in the unit's language, and its district, city and province.
    assert "Pendampingan hukum" in document.body
    assert "Pendampingan medis" in document.body
    assert "Legal accompaniment" not in document.body
    assert "Karang Pilang, Kota Surabaya, Jawa Timur" in document.body
    english = unit.copy_for_translation(locales[1], copy_parents=True, alias=False)
    english.save_revision().publish()
    english_body = document_for(ServiceUnitPage.objects.get(pk=english.pk)).body
    assert "Legal accompaniment" in english_body
    assert "Medical accompaniment" in english_body
