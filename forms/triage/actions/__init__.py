"""What staff do, each as one registered action (see forms/triage/actions/base.py).

The views are thin POST wrappers around these; tests and management commands call
the same actions through the names below, e.g. ``actions.claim(user, report)``.
"""

from forms.triage.actions import facts, plan, recording, referral, report, staff, unit
from forms.triage.actions.base import (
    AlreadyClaimed,
    TriageAction,
    TriageError,
    ensure_case,
    registry,
    require,
)
from forms.triage.actions.recording import record_recording_view
from forms.triage.actions.referral import record_letter, units_to_refer_to
from forms.triage.actions.report import record_download, record_view
from forms.triage.actions.unit import record_packet_view, record_shared_download

claim = report.Claim.run
release = report.Release.run
verify = report.Verify.run
invalidate = report.Invalidate.run
change_status = report.ChangeStatus.run
set_priority = report.SetPriority.run
reassign = report.Reassign.run
add_note = report.AddNote.run
message_reporter = report.MessageReporter.run
reveal_contact = report.RevealContact.run
close = report.Close.run
reopen = report.Reopen.run
refer = referral.Refer.run
revoke = referral.Revoke.run
answer_unit = referral.AnswerUnit.run
accept = unit.Accept.run
decline = unit.Decline.run
record_service = unit.RecordService.run
ask = unit.Ask.run
complete = unit.Complete.run
add_need = plan.AddNeed.run
update_need = plan.UpdateNeed.run
assess_risk = plan.AssessRisk.run
update_safety_plan = plan.UpdateSafetyPlan.run
add_follow_up = plan.AddFollowUp.run
complete_follow_up = plan.CompleteFollowUp.run
record_facts = facts.RecordFacts.run
update_staff = staff.UpdateStaff.run
reset_second_factor = staff.ResetSecondFactor.run
record_report = recording.RecordReport.run
correct_recording = recording.CorrectRecording.run

__all__ = [
    "AlreadyClaimed",
    "TriageAction",
    "TriageError",
    "ensure_case",
    "record_download",
    "record_letter",
    "record_packet_view",
    "record_recording_view",
    "record_shared_download",
    "record_view",
    "registry",
    "require",
    "units_to_refer_to",
]
