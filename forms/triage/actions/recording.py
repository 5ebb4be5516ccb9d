"""A staff member records a report from another channel, and may correct it for a
while: the two actions of the *Intake operator* (and of the triage roles).

Both take the trip every staff action takes (``access.can``, one transaction, the
audit entry inside it); the filing itself is the public form's
(``forms.intake.filing``). The entry names the channel and, for a correction, the
fields that changed; never a value, never the receipt code.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from forms.intake import filing
from forms.triage.actions.base import TriageAction, registry, require
from forms.triage.models import AuditEntry


class RecordingAction(TriageAction):
    """Taken on the intake screens, never through the case page's action URL: the
    target kind "recording" is a report its recorder may still correct."""

    target = "recording"

    def audit(self, detail: str = "", action: str | None = None) -> AuditEntry:
        return AuditEntry.record(self.user, action or self.audit_name(), self.instance, detail)


@registry.register
class RecordReport(RecordingAction):
    """File the report a valid ``RecordingForm`` holds (files cleaned), recorded by
    the user; returns the report and its receipt code (to be shown once)."""

    action_name = "record_report"
    target = None  # no report yet: the section's capability

    def perform(self, form, language: str):
        recording = form.recording(self.user)

        def audit(report):
            self.instance = report
            self.audit(f"channel {recording.channel}")

        return filing.file_report(form.cleaned_data, language, recording, then=audit)


@registry.register
class CorrectRecording(RecordingAction):
    """Replace a recording's answers with a valid ``RecordingForm``'s; returns the
    names of what changed."""

    action_name = "correct_recording"
    success_message = _("The report has been corrected.")

    def perform(self, form):
        def audit(changed):
            self.audit("changed " + (", ".join(changed) or "nothing"))

        return filing.correct_report(
            self.instance, form.cleaned_data, form.recording(self.user), then=audit
        )

    def message(self, result) -> str:
        return self.success_message if result else _("Nothing was changed.")


def record_recording_view(user, report) -> None:
    """Its recorder opens a recording to correct it: a read of decrypted content."""
    require(user, "correct_recording", report)
    AuditEntry.record(user, AuditEntry.Action.VIEW_REPORT, report, "recording")
