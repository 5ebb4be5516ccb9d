"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the audit log.

The model and its queryset already refuse them in the app; the trigger also stops a
raw SQL statement or another client using the portal's role. (TRUNCATE, which only
the owner can run, stays possible for test teardown.) SQLite has no such need: it is
the single-machine development default.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION triage_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'triage_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER triage_audit_append_only
    BEFORE UPDATE OR DELETE ON triage_auditentry
    FOR EACH ROW EXECUTE FUNCTION triage_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS triage_audit_append_only ON triage_auditentry;
DROP FUNCTION IF EXISTS triage_audit_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("triage", "0002_roles")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
