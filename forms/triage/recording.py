"""A staff member records a report from another channel, and may correct it for a
while: the two actions of the *Intake operator* (and of the triage roles).

Each takes the trip every staff action takes: ``access.can`` (the one gate), the
work in one transaction (``forms.intake.filing``, the public form's filing), the
audit entry in that same transaction. The entry names the channel and, for a
correction, the fields that changed; never a value, never the receipt code.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from forms.intake import filing
from forms.intake.recording import RecordingForm
from forms.models import Report
from forms.triage import access
from forms.triage.models import AuditEntry

Action = AuditEntry.Action


def _require(user, action: str, report=None) -> None:
    if not access.can(user, action, report):
        raise PermissionDenied(f"{user} may not {action}")


def record_report(user, form: RecordingForm, language: str) -> tuple[Report, str]:
    """File the report ``form`` holds (valid, files cleaned) as recorded by ``user``;
    the report and its receipt code (to be shown once)."""
    _require(user, "record_report")
    recording = form.recording(user)

    def audit(report):
        AuditEntry.record(user, Action.RECORD_REPORT, report, f"channel {recording.channel}")

    return filing.file_report(form.cleaned_data, language, recording, then=audit)


def open_recording(user, report: Report) -> None:
    """Its recorder opens a recording to correct it: a read of decrypted content."""
    _require(user, "correct_recording", report)
    AuditEntry.record(user, Action.VIEW_REPORT, report, "recording")


def correct_recording(user, report: Report, form: RecordingForm) -> list[str]:
    """Replace a recording's answers with ``form``'s; the names of what changed."""
    _require(user, "correct_recording", report)

    def audit(changed):
        detail = "changed " + (", ".join(changed) or "nothing")
        AuditEntry.record(user, Action.CORRECT_RECORDING, report, detail)

    return filing.correct_report(report, form.cleaned_data, form.recording(user), then=audit)
