"""Fixtures for the service directory: a small region tree, services, a directory page."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from content.models import (
    OpeningHours,
    Service,
    ServiceDirectoryPage,
    ServiceUnitPage,
    UnitKind,
)

REGION_SLICE = Path(__file__).parents[1] / "data" / "regions-slice"

SERVICES = [
    ("complaint-intake", "Penerimaan pengaduan", "Complaint intake"),
    ("medical", "Pendampingan medis", "Medical accompaniment"),
    ("legal", "Pendampingan hukum", "Legal accompaniment"),
    ("shelter", "Rumah aman", "Safe shelter"),
]


@pytest.fixture
def regions(db):
    """A slice of the real Kemendagri tree (see tests/content/data/regions-slice):
    every province, the regencies of DI Yogyakarta (34) and Jawa Timur (35), the
    districts of Sleman (34.04) and Surabaya (35.78), a few villages."""
    call_command("import_regions", "--data-dir", str(REGION_SLICE), stdout=StringIO())


@pytest.fixture
def services(locales):
    indonesian, english = locales
    made = {}
    for order, (code, name_id, name_en) in enumerate(SERVICES):
        service = Service.objects.create(
            locale=indonesian, code=code, name=name_id, sort_order=order
        )
        translation = service.copy_for_translation(english)
        translation.name = name_en
        translation.save()
        made[code] = service
    return made


@pytest.fixture
def directory(home_page, regions, services):
    return home_page.add_child(instance=ServiceDirectoryPage(title="Layanan", slug="layanan"))


def make_unit(directory, title, *, region="35.78.01", services=(), hours=(), **fields):
    """A published unit below ``directory``; ``hours`` are (weekday, "08:00", "16:00")."""
    fields.setdefault("kind", UnitKind.UPTD_PPA)
    unit = ServiceUnitPage(title=title, region_id=region, **fields)
    unit.opening_hours = [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
        for day, opens, closes in hours
    ]
    directory.add_child(instance=unit)
    if services:
        unit.services.set(services)
        unit.save_revision().publish()
    return unit
