"""The agency's side of a referral: the case holder refers, answers the unit, revokes."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.models import ServiceUnitPage
from forms.models import AgeGroup, Attachment
from forms.triage import notifications, unit_index, workflow
from forms.triage.actions.base import TriageAction, TriageError, move, registry, require, text
from forms.triage.actions.report import sealed_note
from forms.triage.models import (
    AuditEntry,
    Need,
    NeedState,
    Referral,
    ReferralMessage,
    ServiceKind,
)
from forms.triage.workflow import IllegalTransition

Audit = AuditEntry.Action


def units_to_refer_to(report):
    """Live units of the report's province (Indonesian pages), in order of name."""
    province = report.region_id.split(".")[0]
    return (
        ServiceUnitPage.objects.live()
        .filter(locale__language_code="id")
        .filter(Q(region__code=province) | Q(region__code__startswith=f"{province}."))
        .prefetch_related("services")
        .order_by("title")
    )


def write_to_thread(action, body: str, *, from_unit: bool, open_while, closed) -> ReferralMessage:
    """A sealed message in the thread between a unit and the case holder, audited."""
    referral = action.instance
    if not (body or "").strip():
        raise TriageError(_("The message is empty."))
    if referral.status not in open_while:
        raise TriageError(closed)
    message = ReferralMessage.objects.create(
        referral=referral, author=action.user, from_unit=from_unit, body=body
    )
    action.audit(f"message {message.pk}")
    return message


def end(referral, status: str, now=None) -> None:
    """Take an open referral to an end state; its needs are unmet again."""
    now = now or timezone.now()
    workflow.check_referral_transition(referral.status, status)
    referral.status, referral.is_open = status, False
    referral.closed_at, referral.due_at = now, None
    Need.objects.filter(referral=referral).exclude(state=NeedState.DONE).update(
        state=NeedState.PLANNED, referral=None
    )


@registry.register
class Refer(TriageAction):
    """Refer the report to one unit for the services asked of it.

    A verified report (or one in handling) moves to "referred"; referring a report
    that is already referred adds a unit without another status change. The unit
    gets a *packet*, not the report: the summary written here for it, the services
    asked, the counted facts; the reporter's contact details only when the reporter
    agreed to referral and to contact and ``pass_contact`` is ticked; files only
    those named in ``attachments``. Each service asked becomes (or meets) a need of
    the case plan.

    Consent. The complaint form asks the reporter whether their report may be passed
    to service units. Sending a victim's story to a clinic, a lawyer or a shelter
    against their wish can put them in danger (the perpetrator may learn of it) and
    breaks the trust the portal runs on, so a report without that consent is never
    referred silently: the referral is refused unless the staff member

    - names one of two grounds (``Referral.ConsentOverride``): someone's life or
      safety is at serious risk, or a legal obligation (a child victim, a court
      order);
    - writes the reason; and
    - ticks an explicit confirmation.

    The holder may do it (an emergency cannot wait for a manager at night), but it
    is recorded: a distinct audit action (``refer_no_consent``, which case managers
    filter on in the audit log) naming the ground, the reason sealed in an internal
    note and in the packet's summary (the audit log is clear text, so it points at
    the note rather than quoting it), and the referral marked with its ground so the
    unit knows the reporter did not agree.
    """

    action_name = "refer"
    success_message = _("Referred. The unit's on-duty members are told.")

    @classmethod
    def params(cls, data, instance):
        number = text(data, "unit")
        unit = units_to_refer_to(instance).filter(pk=number).first() if number.isdigit() else None
        if unit is None:
            raise TriageError(_("Choose a service unit."))
        wanted = {str(pk) for pk in data.getlist("attachments")}
        return {
            "unit": unit,
            "services": data.getlist("services"),
            "summary": text(data, "summary"),
            "pass_contact": data.get("pass_contact") == "yes",
            "share_with_reporter": data.get("share_with_reporter") == "yes",
            "attachments": [
                a for a in Attachment.objects.filter(report=instance) if str(a.pk) in wanted
            ],
            "override": text(data, "consent_override"),
            "reason": text(data, "consent_reason"),
            "confirmed": data.get("consent_confirmed") == "yes",
        }

    def perform(
        self,
        unit,
        services,
        summary: str = "",
        *,
        pass_contact: bool = False,
        share_with_reporter: bool = False,
        attachments=(),
        override: str = "",
        reason: str = "",
        confirmed: bool = False,
    ) -> Referral:
        report = self.instance
        services = [code for code in dict.fromkeys(services) if code in ServiceKind.values]
        if not services:
            raise TriageError(_("Choose at least one service to ask of the unit."))
        if report.status not in (workflow.VERIFIED, workflow.IN_HANDLING, workflow.REFERRED):
            raise IllegalTransition(report.status, workflow.REFERRED)
        override, reason = (override or "").strip(), (reason or "").strip()
        if report.consent_referral:
            override = reason = ""
        elif override not in Referral.ConsentOverride.values or not reason or not confirmed:
            raise TriageError(
                _(
                    "The reporter did not agree to referral. Refer only if someone's life or "
                    "safety is at serious risk or the law requires it: choose the ground, "
                    "write the reason and confirm."
                )
            )
        token = unit_index.of(unit)
        if Referral.objects.filter(report=report, unit_index=token, is_open=True).exists():
            raise TriageError(_("This unit already has an open referral for this report."))
        if report.status != workflow.REFERRED:
            move(report, workflow.REFERRED)
        note = None
        if override:
            ground = Referral.ConsentOverride(override).label
            note = sealed_note(
                self.user,
                report,
                _("Referred without the reporter's consent (%(ground)s): %(reason)s")
                % {"ground": ground, "reason": reason},
            )
            summary = "\n\n".join(
                part
                for part in (
                    _("Without the reporter's consent (%(ground)s): %(reason)s")
                    % {"ground": ground, "reason": reason},
                    summary,
                )
                if part
            )
        now = timezone.now()
        referral = Referral(
            report=report,
            unit_index=token,
            services=services,
            immediate_danger=report.immediate_danger,
            child_victim=report.victim_age_group in AgeGroup.children(),
            created_by=self.user,
            due_at=workflow.referral_due_at(report.immediate_danger, now),
            consent_override=override,
            # Only what the reporter allowed: contact needs both consents.
            pass_contact=pass_contact and report.consent_referral and report.consent_contact,
            share_with_reporter=share_with_reporter,
        )
        referral.unit_ref = str(unit.pk)
        referral.summary = summary
        referral.save()
        referral.attachments.set([a for a in attachments if a.report_id == report.pk])
        for kind in services:
            self.meet(kind, referral)
        detail = f"services {','.join(services)}"
        if override:
            detail = f"ground {override}; {detail}; reason in note {note.pk}"
        self.audit_referral(referral, detail, Audit.REFER_WITHOUT_CONSENT if override else None)
        notifications.tell_unit(referral, notifications.ARRIVED)
        return referral

    def meet(self, kind: str, referral) -> None:
        """The unmet need of ``kind`` is met by ``referral`` now (made if none)."""
        need = Need.objects.filter(
            report=self.instance, kind=kind, state=NeedState.PLANNED, by_agency=False
        ).first() or Need(report=self.instance, kind=kind, created_by=self.user)
        need.state, need.referral = NeedState.REFERRED, referral
        need.save()

    def audit_referral(self, referral, detail, action=None):
        return AuditEntry.record_for_referral(
            self.user, action or self.audit_name(), referral, detail
        )


@registry.register
class Revoke(TriageAction):
    """The case holder takes a referral back; the unit loses access at once."""

    action_name = "revoke"
    target = "referral"
    success_message = _("Referral revoked. The unit can no longer open it.")

    fields = ("reason",)

    def perform(self, reason: str = ""):
        referral = self.instance
        end(referral, workflow.REVOKED)
        referral.save()
        detail = ""
        if (reason or "").strip():
            note = sealed_note(
                self.user, referral.report, _("Referral revoked: %(reason)s") % {"reason": reason}
            )
            detail = f"reason in note {note.pk}"
        self.audit(detail)
        notifications.tell_unit(referral, notifications.REVOKED)


@registry.register
class AnswerUnit(TriageAction):
    """The case holder's side of the thread with a unit."""

    action_name = "answer_unit"
    target = "referral"
    success_message = _("Answer sent to the unit.")

    fields = ("body",)

    def perform(self, body: str) -> ReferralMessage:
        message = write_to_thread(
            self,
            body,
            from_unit=False,
            open_while=Referral.VISIBLE_TO_UNIT,
            closed=_("The unit can no longer read this referral."),
        )
        notifications.tell_unit(self.instance, notifications.ANSWERED)
        return message


def record_letter(user, referral) -> None:
    """Printing a referral letter (for a unit not on the portal) is audited."""
    require(user, "print_letter", referral)
    AuditEntry.record_for_referral(user, Audit.PRINT_LETTER, referral)
