"""Re-wrap every report's data key under the newest master key.

Put the new key first in ENCRYPTION_KEYS (keeping the old ones after it), deploy, run
this command, then remove the old keys. Only the 32-byte data keys are re-encrypted:
narratives, messages and files stay as they are, so it is quick and safe to rerun.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from forms import crypto
from forms.models import Report

BATCH = 500


class Command(BaseCommand):
    help = "Re-wrap all report data keys under the first key of ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        newest = crypto.current_key_id()
        rewrapped = 0
        while True:
            with transaction.atomic():
                # Row locks: a report being filed or rotated elsewhere is not lost.
                batch = list(
                    Report.objects.select_for_update()
                    .exclude(data_key__startswith=f"{newest}:")
                    .only("pk", "seal_id", "data_key")
                    .order_by("pk")[:BATCH]
                )
                for report in batch:
                    binding = crypto.row_binding(report, "data_key")
                    data_key = crypto.unwrap_data_key(report.data_key, binding)
                    report.data_key = crypto.wrap_data_key(data_key, binding)
                Report.objects.bulk_update(batch, ["data_key"])
            rewrapped += len(batch)
            if len(batch) < BATCH:
                break
        self.stdout.write(f"Re-wrapped {rewrapped} data key(s) under master key {newest!r}.")
