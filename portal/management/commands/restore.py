"""``manage.py restore PATH``: an archive of ``manage.py backup`` into an empty installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty installation (migrates it first). "
        "It needs the SECRET_KEY and ENCRYPTION_KEYS of the installation backed up."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="an archive written by manage.py backup")

    def handle(self, *args, path: Path, **options):
        try:
            manifest = restore(path)
        except RestoreRefused as refused:
            raise CommandError(f"Restore refused: {refused}.") from refused
        self.stdout.write(
            f"Restored {path} (backed up on {manifest['engine']}, {manifest['created']})."
        )
