"""Load the demo portal: locales, the home page, site settings and hotlines.

Idempotent: running it again updates what it made instead of duplicating it. Later
parts of the portal (directory, campaigns, the complaint page) add their own steps to
``content/demo/``.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site

import content.demo.directory
import content.demo.pages
import forms.demo
import forms.triage.demo
import search.demo
from content.models import HomePage, Hotline

NATIONAL_HOTLINES = [
    # name (id), name (en), number, whatsapp, hours (id), hours (en), emergency
    ("SAPA 129", "SAPA 129", "129", "628111129129", "24 jam", "24 hours", False),
    ("Darurat 112", "Emergency 112", "112", "", "24 jam", "24 hours", True),
    ("Polisi 110", "Police 110", "110", "", "24 jam", "24 hours", True),
]


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
        home = self.home_page(indonesian)
        self.hotlines(indonesian, english)
        content.demo.directory.load(self.stdout)
        forms.demo.load(self.stdout)
        forms.triage.demo.load(self.stdout)
        # After the complaint page (forms.demo), which the home page's Report button links.
        content.demo.pages.load(self.stdout)
        # Last: it indexes everything the steps above published.
        search.demo.load(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: home page {home.url_path}"))

    def home_page(self, locale) -> HomePage:
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="Satu Layanan",
                    slug="beranda",
                    locale=locale,
                    intro="<p>Satu laporan, semua layanan bergerak bersama.</p>",
                )
            )
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "site_name": "Satu Layanan",
                "root_page": home,
            },
        )
        # Wagtail's own "Welcome" page is not part of the portal.
        if old_root and old_root.pk != home.pk and old_root.specific_class is Page:
            old_root.delete()
        return home

    def hotlines(self, indonesian, english) -> None:
        for order, (name_id, name_en, number, wa, hours_id, hours_en, emergency) in enumerate(
            NATIONAL_HOTLINES
        ):
            hotline, _ = Hotline.objects.update_or_create(
                locale=indonesian,
                number=number,
                scope=Hotline.Scope.NATIONAL,
                defaults={
                    "name": name_id,
                    "whatsapp": wa,
                    "hours": hours_id,
                    "is_emergency": emergency,
                    "sort_order": order,
                },
            )
            translation = hotline.get_translation_or_none(english) or hotline.copy_for_translation(
                english
            )
            translation.name = name_en
            translation.hours = hours_en
            translation.number = number
            translation.whatsapp = wa
            translation.is_emergency = emergency
            translation.sort_order = order
            translation.save()
