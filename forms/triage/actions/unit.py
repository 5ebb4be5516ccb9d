"""The partner unit's side of a referral: read the packet, accept or decline, record
each service given, ask the case holder, complete. Every one is audited and tells
the case holder that something changed (without saying what)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from forms.triage import notifications, workflow
from forms.triage.actions.base import TriageAction, TriageError, registry, require, text
from forms.triage.actions.referral import end, write_to_thread
from forms.triage.models import (
    AuditEntry,
    Need,
    NeedState,
    Referral,
    ReferralMessage,
    ServiceRecord,
)

Audit = AuditEntry.Action


def record_packet_view(user, referral) -> None:
    require(user, "view_packet", referral)
    AuditEntry.record_for_referral(user, Audit.VIEW_PACKET, referral)


def record_shared_download(user, referral, attachment) -> None:
    require(user, "download_shared_file", referral)
    AuditEntry.record_for_referral(
        user, Audit.DOWNLOAD_SHARED_FILE, referral, f"attachment {attachment.pk}"
    )


def a_date(value: str, *, not_after: date | None = None) -> date:
    parsed = parse_date(value or "") if value else None
    if parsed is None:
        raise TriageError(_("Give the date as YYYY-MM-DD."))
    if not_after and parsed > not_after:
        raise TriageError(_("The date cannot be in the future."))
    return parsed


class UnitAction(TriageAction):
    target = "referral"

    def tell_holder(self):
        notifications.tell_holder(self.instance, self.action_name)


@registry.register
class Accept(UnitAction):
    action_name = "accept"
    success_message = _("Accepted. The case holder is told.")

    def perform(self):
        referral, now = self.instance, timezone.now()
        workflow.check_referral_transition(referral.status, workflow.ACCEPTED)
        referral.status, referral.responded_at, referral.due_at = workflow.ACCEPTED, now, None
        referral.save()
        Need.objects.filter(referral=referral, state=NeedState.REFERRED).update(
            state=NeedState.IN_PROGRESS
        )
        self.audit()
        self.tell_holder()


@registry.register
class Decline(UnitAction):
    """Decline with a reason; the case holder is told and refers elsewhere."""

    action_name = "decline"
    success_message = _("Declined. The case holder is told and will refer elsewhere.")

    fields = ("reason",)

    def perform(self, reason: str):
        referral, now = self.instance, timezone.now()
        if not (reason or "").strip():
            raise TriageError(_("Say why the unit declines."))
        end(referral, workflow.DECLINED, now)
        referral.responded_at = now
        referral.decline_reason = reason
        referral.save()
        self.audit()
        self.tell_holder()


@registry.register
class RecordService(UnitAction):
    """One service given on an accepted referral: kind, date, place, outcome note."""

    action_name = "record_service"
    success_message = _("Service recorded. The case holder is told.")

    @classmethod
    def params(cls, data, instance):
        return {
            "kind": text(data, "kind"),
            "given_on": a_date(text(data, "given_on"), not_after=timezone.localdate()),
            "place": text(data, "place"),
            "note": text(data, "note"),
        }

    def perform(self, kind: str, given_on: date, place: str = "", note: str = ""):
        referral = self.instance
        if referral.status != workflow.ACCEPTED:
            raise TriageError(_("Accept the referral before recording a service."))
        if kind not in referral.services:
            raise TriageError(_("Record one of the services asked of the unit."))
        record = ServiceRecord(
            referral=referral, kind=kind, given_on=given_on, recorded_by=self.user
        )
        record.place, record.note = place, note
        record.save()
        Need.objects.filter(referral=referral, kind=kind, state=NeedState.REFERRED).update(
            state=NeedState.IN_PROGRESS
        )
        self.audit(f"service {kind}; record {record.pk}")
        self.tell_holder()
        return record


@registry.register
class Ask(UnitAction):
    """A question from the unit to the case holder (a sealed thread)."""

    action_name = "ask"
    success_message = _("Question sent. The case holder is told.")

    fields = ("body",)

    def perform(self, body: str) -> ReferralMessage:
        message = write_to_thread(
            self,
            body,
            from_unit=True,
            open_while=workflow.REFERRAL_OPEN,
            closed=_("This referral has ended."),
        )
        self.tell_holder()
        return message


@registry.register
class Complete(UnitAction):
    """Mark an accepted referral done, with its outcome and a note."""

    action_name = "complete"
    success_message = _("Referral completed. The case holder is told.")

    fields = ("outcome", "note")

    def perform(self, outcome: str, note: str = ""):
        referral = self.instance
        if outcome not in Referral.Outcome.values:
            raise TriageError(_("Say whether the services were given."))
        if outcome == Referral.Outcome.GIVEN:
            Need.objects.filter(referral=referral).update(state=NeedState.DONE)
        end(referral, workflow.DONE)
        referral.outcome, referral.outcome_note = outcome, note
        referral.save()
        self.audit(f"outcome {outcome}")
        self.tell_holder()
