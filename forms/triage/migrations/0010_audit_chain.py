"""The audit log's hash chain, and SQLite's append-only triggers (PostgreSQL has had
its own since 0003): existing entries are chained in the order they were written.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('triage', '0009_export_and_case_facts'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditentry',
            options={'base_manager_name': 'objects', 'default_permissions': (), 'ordering': ['-created_at', '-pk'], 'verbose_name': 'audit entry', 'verbose_name_plural': 'audit log'},
        ),
        migrations.AddField(
            model_name='auditentry',
            name='chain_hash',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='action',
            field=models.CharField(choices=[('view_report', 'Viewed the decrypted report'), ('download_file', 'Downloaded a file'), ('claim', 'Claimed'), ('release', 'Released'), ('verify', 'Verified'), ('invalidate', 'Marked invalid'), ('change_status', 'Changed status'), ('set_priority', 'Set priority'), ('reassign', 'Reassigned'), ('add_note', 'Wrote an internal note'), ('message_reporter', 'Messaged the reporter'), ('refer', 'Referred'), ('refer_no_consent', "Referred without the reporter's consent"), ('update_referral', 'Updated a referral'), ('purge', 'Purged after the retention period'), ('refused', 'Was refused access')], max_length=32, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='when'),
        ),
    ]


def chain_existing_entries(apps, schema_editor):
    from forms.triage.models.audit import CHAIN_START, install_sqlite_triggers, link_hash

    AuditEntry = apps.get_model("triage", "AuditEntry")
    connection = schema_editor.connection
    postgres = connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(
            "ALTER TABLE triage_auditentry DISABLE TRIGGER triage_audit_append_only"
        )
    previous = CHAIN_START
    for entry in AuditEntry.objects.order_by("pk").iterator():
        previous = link_hash(
            previous, entry.created_at, entry.actor_id, entry.action, entry.report_id, entry.detail
        )
        AuditEntry.objects.filter(pk=entry.pk).update(chain_hash=previous)
    if postgres:
        schema_editor.execute(
            "ALTER TABLE triage_auditentry ENABLE TRIGGER triage_audit_append_only"
        )
    install_sqlite_triggers(connection)


def drop_sqlite_triggers(apps, schema_editor):
    from forms.triage.models.audit import drop_sqlite_triggers

    drop_sqlite_triggers(schema_editor.connection)


Migration.operations.append(migrations.RunPython(chain_existing_entries, drop_sqlite_triggers))
