from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "forms.triage"
    label = "triage"
    verbose_name = _("Triage")

    def ready(self):
        # Report creation -> case row + on-duty notification (see forms/triage/signals.py).
        from forms.triage import signals  # noqa: F401
