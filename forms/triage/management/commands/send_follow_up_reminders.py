"""Remind case holders of the follow-up dates that have come.

    manage.py send_follow_up_reminders [--date YYYY-MM-DD]

Run it daily from cron (README, "Triage"). Each follow-up date set on a case is
reminded once, on its day or at the first run after it, to the case holder (or, if
nobody holds the case, to whoever set the date); a date marked done is not. The
email says only that a follow-up date has come, with a link to the queue.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from forms.triage.notifications import send_follow_up_reminders


class Command(BaseCommand):
    help = "Email the case holders whose follow-up dates have come (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = parse_date(date) if date else None
        if date and today is None:
            raise CommandError("--date must look like YYYY-MM-DD.")
        reminded = send_follow_up_reminders(today)
        self.stdout.write(f"Reminded {reminded} follow-up date(s).")
