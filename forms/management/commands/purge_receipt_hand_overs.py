"""Delete the receipt hand-overs nobody opened in time.

A hand-over (``forms.receipts.hand_over``) lives for ``HAND_OVER_SECONDS``; every read
of one deletes the expired ones too, so this is only for a site where nobody files a
report for a long time: run it from cron (hourly is plenty). Safe to run at any time.
"""

from django.core.management.base import BaseCommand

from forms import receipts


class Command(BaseCommand):
    help = "Delete expired receipt hand-overs (the page after a complaint's redirect)."

    def handle(self, *args, **options):
        deleted = receipts.purge_expired_hand_overs()
        self.stdout.write(f"{deleted} expired hand-over(s) deleted.")
