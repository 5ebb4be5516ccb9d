"""Recompute every referral's unit index under the current REFERRAL_INDEX_KEY.

    manage.py reindex_referrals

Run it after rotating the key (forms/triage/unit_index.py): each referral's unit is
opened from its sealed value (with its report's data key) and its token computed
anew, so the inboxes find their referrals under the new key. Rerunnable; it changes
only the rows whose token differs.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from content.models import ServiceUnitPage
from forms.triage import unit_index
from forms.triage.models import Referral

BATCH = 500


class Command(BaseCommand):
    help = "Recompute the referrals' unit index after REFERRAL_INDEX_KEY changed."

    def handle(self, *args, **options):
        keys = dict(ServiceUnitPage.objects.values_list("pk", "translation_key"))
        changed = 0
        referrals = Referral.objects.select_related("report").order_by("pk")
        for referral in referrals.iterator(chunk_size=BATCH):
            translation_key = keys.get(referral.unit_pk)
            if translation_key is None:
                continue  # the unit left the directory; its token cannot be recomputed
            token = unit_index.token(translation_key)
            if token != referral.unit_index:
                with transaction.atomic():
                    Referral.objects.filter(pk=referral.pk).update(unit_index=token)
                changed += 1
        self.stdout.write(f"Reindexed {changed} referral(s).")
