"""Fixtures for the complaint suites: a small region tree and a report factory."""

import pytest
from django.core.files.storage import FileSystemStorage

from content.models import Region
from forms.models import Attachment, CaptchaState, Report

REGION_TREE = [
    # code, name, level, parent
    ("31", "DKI Jakarta", 1, None),
    ("31.71", "Kota Jakarta Pusat", 2, "31"),
    ("31.71.01", "Gambir", 3, "31.71"),
    ("31.71.01.1001", "Gambir", 4, "31.71.01"),
    ("31.71.01.1002", "Cideng", 4, "31.71.01"),
    ("31.71.02", "Sawah Besar", 3, "31.71"),
    ("35", "Jawa Timur", 1, None),
    ("35.78", "Kota Surabaya", 2, "35"),
]


def make_regions():
    for code, name, level, parent in REGION_TREE:
        Region.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent}
        )


@pytest.fixture
def regions(db):
    make_regions()
    return {region.code: region for region in Region.objects.all()}


_counter = iter(range(10**9))


def make_report(region, kinds=("physical",), **fields) -> Report:
    """A saved report with a unique receipt digest and the given sealed/clear fields."""
    fields.setdefault("captcha_state", CaptchaState.PASSED)
    fields.setdefault("receipt_digest", f"test-digest-{next(_counter):020d}")
    report = Report(region=region, **fields)
    report.save()
    report.set_violence_kinds(kinds)
    return report


@pytest.fixture
def report_factory(regions):
    def build(region_code="31.71.01.1001", **fields):
        return make_report(regions[region_code], **fields)

    return build


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    """Evidence files go to a real directory of this test's own (never the worktree's)."""
    location = tmp_path / "private"
    location.mkdir()
    field = Attachment._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=location, base_url=None))
    return location
