"""What staff do to a report itself: claim it, check it, hold it, close it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.models import Author, Message, Report
from forms.triage import access, workflow
from forms.triage.actions.base import (
    AlreadyClaimed,
    TriageAction,
    TriageError,
    ensure_case,
    forget_case,
    move,
    registry,
    require,
    text,
)
from forms.triage.models import AuditEntry, Case, ClosureOutcome, Note, Priority, Referral
from forms.triage.workflow import IllegalTransition

Audit = AuditEntry.Action


def record_view(user, report) -> None:
    """Reading the decrypted report is audited, every time."""
    require(user, "view", report)
    AuditEntry.record(user, Audit.VIEW_REPORT, report)


def record_download(user, attachment) -> None:
    require(user, "download", attachment.report)
    AuditEntry.record(user, Audit.DOWNLOAD_FILE, attachment.report, f"attachment {attachment.pk}")


def sealed_note(user, report, body) -> Note:
    """An internal note holding what the audit log may only point at."""
    return Note.objects.create(report=report, author=user, body=str(body))


@registry.register
class Claim(TriageAction):
    """Take the report. Of two officers claiming at once, exactly one wins.

    The winner is decided by one conditional UPDATE (``... WHERE assignee_id IS
    NULL``): the database locks the row, so the second statement waits for the
    first to commit, re-reads the row and matches nothing.
    """

    action_name = "claim"
    success_message = _("You hold this report now.")

    def user_has_permission(self):
        # "work", not "claim": that reads a possibly stale assignee; the UPDATE decides.
        return access.can(self.user, "work", self.instance)

    def perform(self):
        report, now = self.instance, timezone.now()
        ensure_case(report)
        won = Case.objects.filter(report=report, assignee__isnull=True).update(
            assignee=self.user, claimed_at=now
        )
        if not won:
            raise AlreadyClaimed
        if report.status == workflow.NEW:
            move(report, workflow.IN_REVIEW, now)
        self.audit()
        forget_case(report)


@registry.register
class Release(TriageAction):
    action_name = "release"
    success_message = _("Report released.")

    def perform(self):
        report = self.instance
        Case.objects.filter(report=report).update(assignee=None, claimed_at=None)
        status = Report.objects.values_list("status", flat=True).get(pk=report.pk)
        if status == workflow.IN_REVIEW:
            move(report, workflow.NEW)
        self.audit()
        forget_case(report)


@registry.register
class Verify(TriageAction):
    action_name = "verify"
    success_message = _("Report verified.")

    def perform(self):
        move(self.instance, workflow.VERIFIED)
        self.audit()


@registry.register
class Invalidate(TriageAction):
    """Mark the report invalid; the reason is kept as a sealed internal note."""

    action_name = "invalidate"
    success_message = _("Report marked invalid.")

    fields = ("reason",)

    def perform(self, reason: str):
        reason = (reason or "").strip()
        if not reason:
            raise TriageError(_("Say why the report is invalid."))
        move(self.instance, workflow.INVALID)
        note = sealed_note(self.user, self.instance, reason)
        self.audit(f"reason in note {note.pk}")


@registry.register
class ChangeStatus(TriageAction):
    action_name = "change_status"
    success_message = _("Status changed.")

    @classmethod
    def params(cls, data, instance):
        return {"target": text(data, "status")}

    def perform(self, target: str):
        report = self.instance
        if target not in workflow.manual_targets(report.status):
            raise IllegalTransition(report.status, target)
        previous = move(report, target)
        self.audit(f"{previous} -> {target}")


@registry.register
class SetPriority(TriageAction):
    action_name = "set_priority"
    success_message = _("Priority set.")

    @classmethod
    def params(cls, data, instance):
        return {"priority": text(data, "priority")}

    def perform(self, priority):
        try:
            priority = int(priority)
        except (TypeError, ValueError):
            priority = None
        if priority not in Priority.values:
            raise TriageError(_("Unknown priority."))
        ensure_case(self.instance)
        Case.objects.filter(report=self.instance).update(priority=priority)
        self.audit(f"priority {priority}")
        forget_case(self.instance)


@registry.register
class Reassign(TriageAction):
    """A case manager hands the report to another triage member who may see it."""

    action_name = "reassign"
    success_message = _("Report reassigned.")

    @classmethod
    def params(cls, data, instance):
        number = text(data, "assignee")
        assignee = get_user_model().objects.filter(pk=number).first() if number.isdigit() else None
        if assignee is None:
            raise TriageError(_("Choose a staff member."))
        return {"assignee": assignee}

    def perform(self, assignee):
        report = self.instance
        if not access.can(assignee, "work", report):
            raise TriageError(_("That staff member cannot work on reports of this region."))
        now = timezone.now()
        ensure_case(report)
        Case.objects.filter(report=report).update(assignee=assignee, claimed_at=now)
        if report.status == workflow.NEW:
            move(report, workflow.IN_REVIEW, now)
        self.audit(f"to user {assignee.pk}")
        forget_case(report)


@registry.register
class AddNote(TriageAction):
    action_name = "add_note"
    success_message = _("Note saved.")

    fields = ("body",)

    def perform(self, body: str) -> Note:
        body = (body or "").strip()
        if not body:
            raise TriageError(_("The note is empty."))
        note = sealed_note(self.user, self.instance, body)
        self.audit(f"note {note.pk}")
        return note


@registry.register
class MessageReporter(TriageAction):
    """A staff message the reporter reads with their receipt code (sealed like theirs)."""

    action_name = "message_reporter"
    success_message = _("Message sent; the reporter reads it with their receipt code.")

    fields = ("body",)

    def perform(self, body: str) -> Message:
        body = (body or "").strip()
        if not body:
            raise TriageError(_("The message is empty."))
        message = Message.objects.create(
            report=self.instance, author=Author.STAFF, staff_user=self.user, body=body
        )
        self.audit(f"message {message.pk}")
        return message


@registry.register
class RevealContact(TriageAction):
    """Someone with access to the case who is not its holder reveals the reporter's
    contact details, giving a reason (GlobaLeaks' identity custodian is the model).

    The reason is kept as a sealed internal note that every later reader of the case
    sees; the audit log points at it. How long the details then stay shown is the
    view's (settings.TRIAGE_CONTACT_REVEAL_MINUTES).
    """

    action_name = "reveal_contact"
    success_message = _("The contact details are shown for a few minutes.")

    fields = ("reason",)

    def perform(self, reason: str) -> Note:
        if not (reason or "").strip():
            raise TriageError(_("Say why you need the reporter's contact details."))
        note = sealed_note(
            self.user,
            self.instance,
            _("Revealed the reporter's contact details: %(reason)s") % {"reason": reason},
        )
        self.audit(f"reason in note {note.pk}")
        return note


@registry.register
class Close(TriageAction):
    """Close the case with an outcome and a reason; refused while a referral is open."""

    action_name = "close"
    success_message = _("Case closed.")

    fields = ("outcome", "reason")

    def perform(self, outcome: str, reason: str):
        report = self.instance
        if outcome not in ClosureOutcome.values or not (reason or "").strip():
            raise TriageError(_("Choose the outcome of the case and say why it closes."))
        if not workflow.may_close(report.status):
            raise IllegalTransition(report.status, workflow.CLOSED)
        if Referral.objects.filter(report=report, is_open=True).exists():
            raise TriageError(
                _("A referral is still open: wait for the unit to end it, or revoke it first.")
            )
        move(report, workflow.CLOSED)
        ensure_case(report)
        Case.objects.filter(report=report).update(closure_outcome=outcome)
        note = sealed_note(
            self.user,
            report,
            _("Closed (%(outcome)s): %(reason)s")
            % {"outcome": ClosureOutcome(outcome).label, "reason": reason},
        )
        self.audit(f"outcome {outcome}; reason in note {note.pk}")
        forget_case(report)


@registry.register
class Reopen(TriageAction):
    """Back to review; the case plan, referrals, notes and history all stay."""

    action_name = "reopen"
    success_message = _("Case reopened.")

    fields = ("reason",)

    def perform(self, reason: str = ""):
        report = self.instance
        if not workflow.may_reopen(report.status):
            raise IllegalTransition(report.status, workflow.IN_REVIEW)
        previous = move(report, workflow.IN_REVIEW)
        Case.objects.filter(report=report).update(closure_outcome="")
        detail = f"{previous} -> {workflow.IN_REVIEW}"
        if (reason or "").strip():
            note = sealed_note(self.user, report, _("Reopened: %(reason)s") % {"reason": reason})
            detail += f"; reason in note {note.pk}"
        self.audit(detail)
        forget_case(report)
