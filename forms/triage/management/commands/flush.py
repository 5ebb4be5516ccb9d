"""Django's ``flush``, able to empty the append-only audit log on SQLite too.

Emptying the whole database is the owner's act, not an edit of the log: PostgreSQL's
flush uses TRUNCATE, which the row trigger does not see. SQLite has no TRUNCATE, so
its triggers are lifted for the flush alone and put back at once (the test rig flushes
between transactional tests).
"""

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from forms.triage.models.audit import drop_sqlite_triggers, install_sqlite_triggers


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        drop_sqlite_triggers(connection)
        try:
            return super().handle(**options)
        finally:
            install_sqlite_triggers(connection)
