from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "forms.triage"
    label = "triage"
    verbose_name = _("Triage")

    def ready(self):
        from forms import progress
        from forms.triage import reporter, signals  # noqa: F401 (signals connect on import)
        from forms.triage.actions import registry

        # An action whose name, capability or audit entry does not resolve stops start-up.
        registry.check()
        # The reporter's follow-up page shows the case plan's progress.
        progress.register(reporter.progress_for)
