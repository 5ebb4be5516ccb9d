"""``manage.py backup PATH``: the database and both storages in one archive (portal/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from portal.backup import backup


class Command(BaseCommand):
    help = "Write the database, media and (sealed) evidence files to a .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="the archive to write, e.g. satu-2026-12-01.tar.gz"
        )

    def handle(self, *args, path: Path, **options):
        manifest = backup(path)
        files = ", ".join(f"{count} {alias}" for alias, count in manifest["files"].items())
        self.stdout.write(f"Backup written to {path} ({manifest['engine']}; files: {files}).")
