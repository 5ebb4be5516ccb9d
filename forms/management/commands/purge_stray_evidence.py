"""Delete evidence files left without their report by a process killed mid-save.

Saving a report writes its files first and removes them again if the save fails; only
a process killed in between leaves one behind (``forms.models.attachments
.purge_stray_files``). Files younger than an hour are left alone, as they may belong to
a report being saved. Run it from cron (daily is plenty). Safe to run at any time.
"""

from django.core.management.base import BaseCommand

from forms.models.attachments import purge_stray_files


class Command(BaseCommand):
    help = "Delete evidence files that no report names (left by a killed process)."

    def handle(self, *args, **options):
        deleted = purge_stray_files()
        self.stdout.write(f"{deleted} stray evidence file(s) deleted.")
