from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "forms.triage"
    label = "triage"
    verbose_name = _("Triage")

    def ready(self):
        from django.db.models.signals import post_migrate

        from forms import progress
        from forms.triage import reporter, signals  # signals connect on import
        from forms.triage.actions import registry

        # An action whose name, capability or audit entry does not resolve stops start-up.
        registry.check()
        # The reporter's follow-up page shows the case plan's progress.
        progress.register(reporter.progress_for)
        # SQLite loses a table's triggers when a migration rebuilds it: put them back.
        post_migrate.connect(signals.guard_audit_log, sender=self, dispatch_uid="triage-audit")
