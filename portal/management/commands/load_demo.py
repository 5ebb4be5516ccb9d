"""Load (or refresh) the demo portal: each app's demo step, in the order they need.

The steps live with the apps whose content they make (``content/demo/``,
``forms/demo.py``, ``forms/triage/demo.py``, ``search/demo.py``); only this command,
in the project, knows all of them. Idempotent: running it again updates what the
steps made instead of duplicating it.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

import content.demo.directory
import content.demo.home
import content.demo.pages
import forms.demo
import forms.triage.demo
import search.demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo content (refused in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--throwaway-database",
            action="store_true",
            help="Allow it under production settings: for benchmarks on a database made for them.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["throwaway_database"]:
            raise CommandError("load_demo fills the site with demo content: never in production.")
        indonesian = Locale.objects.get_or_create(language_code="id")[0]
        english = Locale.objects.get_or_create(language_code="en")[0]
        home = content.demo.home.home_page(indonesian)
        content.demo.home.hotlines(indonesian, english)
        content.demo.directory.load(self.stdout)
        forms.demo.load(self.stdout)
        forms.triage.demo.load(self.stdout)
        # After the complaint page (forms.demo), which the home page's Report button links.
        content.demo.pages.load(self.stdout)
        # Last: it indexes everything the steps above published.
        search.demo.load(home, self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: home page {home.url_path}"))
