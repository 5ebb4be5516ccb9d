from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "forms.triage"
    label = "triage"
    verbose_name = _("Triage")

    def ready(self):
        from django.db.models.signals import post_migrate

        # Report creation -> case row + on-duty notification (see forms/triage/signals.py).
        from forms.triage import signals

        # SQLite loses a table's triggers when a migration rebuilds it: put them back.
        post_migrate.connect(signals.guard_audit_log, sender=self, dispatch_uid="triage-audit")
