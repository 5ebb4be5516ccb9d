"""import_regions, run on a slice of the real vendored dataset (tests/content/data)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from content.management.commands.import_regions import DATA_DIR
from content.models import Region

SLICE = Path(__file__).parent / "data" / "regions-slice"
pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_regions", "--data-dir", str(SLICE), *args, stdout=out)
    return out.getvalue()


def test_imports_all_four_levels_with_their_parents():
    assert "136 created" in run()
    surabaya = Region.objects.get(code="35.78")
    assert (surabaya.name, surabaya.level, surabaya.parent_id) == (
        "Kota Surabaya",
        Region.Level.REGENCY,
        "35",
    )
    village = Region.objects.get(code="35.78.01.1002")
    assert village.name == "Kebraon"
    assert village.level == Region.Level.VILLAGE
    assert village.parent.parent.name == "Kota Surabaya"
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 38
    assert set(Region.objects.within("35.78.01").values_list("code", flat=True)) == {
        "35.78.01",
        "35.78.01.1001",
        "35.78.01.1002",
        "35.78.01.1003",
        "35.78.01.1004",
    }


def test_a_second_run_changes_nothing():
    run()
    assert "0 created, 0 updated, 136 unchanged" in run()


def test_a_renamed_region_is_updated_and_a_vanished_one_kept():
    run()
    Region.objects.filter(code="35.78.01.1003").update(name="Kedurus Lama")
    Region.objects.create(code="35.78.01.1999", name="Desa Lama", level=4, parent_id="35.78.01")
    output = run()
    assert "0 created, 1 updated" in output
    assert "1 no longer in the dataset (kept)" in output
    assert Region.objects.get(code="35.78.01.1003").name == "Kedurus"
    assert Region.objects.filter(code="35.78.01.1999").exists()


def test_within_limits_districts_and_villages_to_the_chosen_regency():
    run("--within", "34.04")
    assert Region.objects.filter(level=Region.Level.REGENCY).count() == 43
    lower = Region.objects.filter(level__gte=Region.Level.DISTRICT)
    assert lower.exists()
    assert not lower.exclude(code__startswith="34.04.").exists()


def test_levels_stops_at_the_requested_depth():
    run("--levels", "2")
    assert not Region.objects.filter(level__gt=Region.Level.REGENCY).exists()
    assert Region.objects.filter(level=Region.Level.REGENCY).count() == 43


def test_vendored_dataset_ships_with_its_licences():
    for name in ("provinces", "regencies", "districts", "villages"):
        assert (DATA_DIR / f"{name}.csv.xz").exists()
    assert "Open Database License" in (DATA_DIR / "LICENSE-data-ODbL.md").read_text()
    assert "MIT License" in (DATA_DIR / "LICENSE-package-MIT").read_text()
