"""Fixtures for the service directory: a small region tree, services, a directory page."""

import datetime

import pytest

from content.models import (
    OpeningHours,
    Region,
    Service,
    ServiceDirectoryPage,
    ServiceUnitPage,
    UnitKind,
)

# A slice of the real Kemendagri tree: Jawa Timur > Kota Surabaya > Tegalsari, and
# DI Yogyakarta > Sleman > Depok.
REGIONS = [
    ("35", "Jawa Timur", 1, None),
    ("35.78", "Kota Surabaya", 2, "35"),
    ("35.78.01", "Tegalsari", 3, "35.78"),
    ("35.78.01.1001", "Kedungdoro", 4, "35.78.01"),
    ("35.78.02", "Simokerto", 3, "35.78"),
    ("35.15", "Kabupaten Sidoarjo", 2, "35"),
    ("35.15.01", "Sidoarjo", 3, "35.15"),
    ("34", "Daerah Istimewa Yogyakarta", 1, None),
    ("34.04", "Kabupaten Sleman", 2, "34"),
    ("34.04.07", "Depok", 3, "34.04"),
]

SERVICES = [
    ("complaint-intake", "Penerimaan pengaduan", "Complaint intake"),
    ("medical", "Pendampingan medis", "Medical accompaniment"),
    ("legal", "Pendampingan hukum", "Legal accompaniment"),
    ("shelter", "Rumah aman", "Safe shelter"),
]


@pytest.fixture
def regions(db):
    Region.objects.bulk_create(
        Region(code=code, name=name, level=level, parent_id=parent)
        for code, name, level, parent in REGIONS
    )


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
