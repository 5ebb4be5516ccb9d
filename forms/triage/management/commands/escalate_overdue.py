"""Tell the case managers about reports of immediate danger left past their due time.

    manage.py escalate_overdue

Run it from cron every few minutes (README, "Triage"). Each report is escalated once
(``Case.escalated_at``), also when it was escalated on arrival because nobody was on
duty in its region. The email says only that such a report is waiting.
"""

from django.core.management.base import BaseCommand

from forms.triage.notifications import escalate_overdue


class Command(BaseCommand):
    help = "Email the case managers about overdue reports of immediate danger."

    def handle(self, *args, **options):
        self.stdout.write(f"Escalated {escalate_overdue()} report(s).")
