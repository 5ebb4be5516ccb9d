"""Compile locale/*/LC_MESSAGES/django.po into .mo files without GNU gettext.

Django's compilemessages needs msgfmt, which a fresh machine may not have; polib
(a wagtail-localize dependency) writes the same binary catalogue.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the portal's .po catalogues into .mo files (no msgfmt needed)."

    def handle(self, *args, **options):
        for directory in settings.LOCALE_PATHS:
            for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"{po_path.with_suffix('.mo')}: {len(catalogue)} strings")
