"""A new report gets its case row and, once committed, a notice to the on-duty staff.

Hooked to the Report's post_save so that the intake's save path needs no triage
import; the notice waits for the transaction to commit (a rolled-back submission
notifies nobody) and runs as a background task (django-tasks).
"""

from django.db import connections, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from forms.models import Report
from forms.triage.models import Case


@receiver(post_save, sender=Report, dispatch_uid="triage_new_report")
def on_report_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    Case.objects.get_or_create(report=instance, defaults=Case.defaults_for(instance))
    from forms.triage.notifications import notify_new_report

    report_id = instance.pk
    transaction.on_commit(lambda: notify_new_report.enqueue(report_id))


def guard_audit_log(sender, using="default", **kwargs):
    """post_migrate: the audit log's SQLite triggers, whatever the migrations rebuilt."""
    from forms.triage.models.audit import install_sqlite_triggers

    install_sqlite_triggers(connections[using])
