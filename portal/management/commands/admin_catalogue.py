"""Rebuild the admin's Indonesian catalogue from the installed packages.

See portal/admin_catalogue.py.
"""

from django.core.management.base import BaseCommand

from portal import admin_catalogue


class Command(BaseCommand):
    help = "Refresh portal/locale_admin/ from Wagtail's, wagtail-localize's, django-otp's… strings."

    def handle(self, *args, **options):
        for domain in admin_catalogue.DOMAINS:
            total, todo = admin_catalogue.refresh(domain)
            path = admin_catalogue.catalogue_path(domain)
            self.stdout.write(f"{path}: {total} strings, {todo} to translate or check (fuzzy)")
