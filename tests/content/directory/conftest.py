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


def bulk_units(directory, count, *, region="35.78.01", services=(), start=0, **fields):
    """``count`` published units below ``directory`` in a handful of queries.

    Saving pages one by one through treebeard takes ~50 ms each; for the query-count
    tests the tree rows are written directly (paths computed as treebeard would), then
    the unit rows, hours and service links with bulk_create. The pages are real: the
    directory lists them and their URLs answer.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    directory.refresh_from_db()
    content_type = ContentType.objects.get_for_model(ServiceUnitPage)
    first = directory.numchild + 1
    pages = []
    for offset in range(count):
        number = start + offset
        slug = f"unit-{number}"
        pages.append(
            Page(
                title=f"Unit {number:05d}",
                draft_title=f"Unit {number:05d}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(directory.path, directory.depth + 1, first + offset),
                depth=directory.depth + 1,
                numchild=0,
                url_path=f"{directory.url_path}{slug}/",
                locale_id=directory.locale_id,
                live=True,
                has_unpublished_changes=False,
            )
        )
    pages = Page.objects.bulk_create(pages)
    units = [
        ServiceUnitPage(
            page_ptr_id=page.pk,
            kind=UnitKind.PUSKESMAS,
            region_id=region,
            latitude=-7.3 + (page.pk % 100) / 1000,
            longitude=112.7,
            phone="031 000 0000",
            **fields,
        )
        for page in pages
    ]
    fields = ServiceUnitPage._meta.local_concrete_fields
    ServiceUnitPage.objects._insert(units, fields=fields, raw=True)
    OpeningHours.objects.bulk_create(
        OpeningHours(page_id=page.pk, weekday=day, opens=datetime.time(8), closes=datetime.time(16))
        for page in pages
        for day in range(5)
    )
    links = ServiceUnitPage.services.through
    links.objects.bulk_create(
        links(serviceunitpage_id=page.pk, service_id=service.pk)
        for page in pages
        for service in services
    )
    Page.objects.filter(pk=directory.pk).update(numchild=directory.numchild + count)
    directory.refresh_from_db()
    return pages
