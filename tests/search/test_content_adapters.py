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
