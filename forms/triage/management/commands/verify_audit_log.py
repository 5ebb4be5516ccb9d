"""Check that the audit log is whole: every entry still links to the one before it.

    manage.py verify_audit_log

Walks the log oldest first and recomputes each entry's hash (forms/triage/models/
audit.py). Exits non-zero at the first entry that was changed, or that follows a
removed one, naming it; otherwise prints how many entries link up and the head hash.
Keep that head hash somewhere else (a daily cron mail): whoever could rewrite the
whole chain after a change would also change the head.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from forms.triage.models import AuditEntry
from forms.triage.models.audit import SQLITE_TRIGGERS, verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain (and, on SQLite, its triggers)."

    def handle(self, *args, **options):
        entries = AuditEntry.objects.order_by("pk").iterator(chunk_size=2000)
        checked, broken = verify_chain(entries)
        if broken is not None:
            raise CommandError(
                f"The audit log is broken at entry {broken.pk} ({broken.created_at:%Y-%m-%d %H:%M}"
                f", {broken.action}): it was changed, or an entry before it was removed. "
                f"{checked} entries before it link up."
            )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                present = {row[0] for row in cursor.fetchall()}
            missing = set(SQLITE_TRIGGERS) - present
            if missing:
                raise CommandError(f"The audit log's triggers are missing: {sorted(missing)}.")
        head = AuditEntry.objects.order_by("-pk").values_list("chain_hash", flat=True).first()
        self.stdout.write(f"{checked} audit entries link up; head {head or '(empty)'}.")
