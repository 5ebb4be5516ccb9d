"""Load Indonesia's administrative regions from the vendored idn-area-data files.

    manage.py import_regions                       # all four levels (~91,000 rows)
    manage.py import_regions --within 35.78        # every province and regency/city,
                                                   # districts and villages of Surabaya only
    manage.py import_regions --levels 2            # provinces and regencies/cities only

Idempotent and quick: the existing rows are read once, new ones are inserted with
bulk_create in batches, renamed or moved ones are updated with bulk_update, and
unchanged ones are not touched. Rows that vanished from the dataset are reported and
kept, because units, reports and staff scopes may still point at them.
"""

from __future__ import annotations

import csv
import lzma
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content.models import Region

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "regions"
# file stem, level, the column naming the parent
FILES = [
    ("provinces", Region.Level.PROVINCE, None),
    ("regencies", Region.Level.REGENCY, "province_code"),
    ("districts", Region.Level.DISTRICT, "regency_code"),
    ("villages", Region.Level.VILLAGE, "district_code"),
]
BATCH_SIZE = 2000


def read_rows(data_dir: Path, stem: str):
    """The rows of ``stem``.csv.xz (as vendored) or ``stem``.csv (test slices)."""
    compressed, plain = data_dir / f"{stem}.csv.xz", data_dir / f"{stem}.csv"
    if compressed.exists():
        opener = lzma.open
        path = compressed
    elif plain.exists():
        opener = open
        path = plain
    else:
        raise CommandError(f"Missing region file: {compressed} (or {plain.name})")
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


class Command(BaseCommand):
    help = "Import (or refresh) provinces, regencies/cities, districts and villages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--levels",
            type=int,
            choices=[1, 2, 3, 4],
            default=4,
            help="Deepest level to import: 1 provinces ... 4 villages (default).",
        )
        parser.add_argument(
            "--within",
            action="append",
            default=[],
            metavar="CODE",
            help="Import districts and villages only below this code (repeatable); "
            "provinces and regencies/cities are always imported whole.",
        )
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse_hidden())

    def handle(self, *args, levels, within, data_dir, **options):
        wanted = self.wanted_rows(data_dir, levels, tuple(within))
        with transaction.atomic():
            created, updated, unchanged = self.save(wanted)
        missing = self.missing(wanted, levels, tuple(within))
        self.stdout.write(
            f"Regions: {created} created, {updated} updated, {unchanged} unchanged"
            + (f", {missing} no longer in the dataset (kept)" if missing else "")
            + "."
        )

    def wanted_rows(self, data_dir, levels, within) -> dict[str, tuple[str, int, str | None]]:
        rows: dict[str, tuple[str, int, str | None]] = {}
        for stem, level, parent_column in FILES:
            if level > levels:
                break
            for row in read_rows(data_dir, stem):
                code = row["code"].strip()
                if within and level >= Region.Level.DISTRICT and not in_any(code, within):
                    continue
                parent = row[parent_column].strip() if parent_column else None
                rows[code] = (row["name"].strip(), level, parent)
        return rows

    def save(self, wanted) -> tuple[int, int, int]:
        existing = {
            code: (name, level, parent)
            for code, name, level, parent in Region.objects.filter(
                level__lte=max((level for _, level, _ in wanted.values()), default=0)
            ).values_list("code", "name", "level", "parent_id")
        }
        new, changed = [], []
        for code, values in wanted.items():
            current = existing.get(code)
            if current is None:
                new.append(Region(code=code, name=values[0], level=values[1], parent_id=values[2]))
            elif current != values:
                changed.append(
                    Region(code=code, name=values[0], level=values[1], parent_id=values[2])
                )
        # Parents before children, for databases that check foreign keys per row.
        new.sort(key=lambda region: region.level)
        Region.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Region.objects.bulk_update(changed, ["name", "level", "parent"], batch_size=BATCH_SIZE)
        return len(new), len(changed), len(wanted) - len(new) - len(changed)

    def missing(self, wanted, levels, within) -> int:
        """Rows in the database, in the imported scope, that the dataset no longer has."""
        scope = Region.objects.filter(level__lte=levels).values_list("code", "level")
        return sum(
            1
            for code, level in scope.iterator(chunk_size=BATCH_SIZE)
            if code not in wanted
            and not (within and level >= Region.Level.DISTRICT and not in_any(code, within))
        )


def in_any(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code == prefix or code.startswith(f"{prefix}.") for prefix in prefixes)


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
