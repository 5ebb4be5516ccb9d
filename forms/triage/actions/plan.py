"""The case plan: the needs found, the risk, the safety plan, the follow-up dates."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.triage.actions.base import TriageAction, TriageError, ensure_case, registry, text
from forms.triage.actions.unit import a_date
from forms.triage.models import Case, FollowUp, Need, NeedState, RiskLevel, ServiceKind


def optional_date(value: str):
    return a_date(value) if value else None


def by_pk(queryset, value):
    found = queryset.filter(pk=value).first() if str(value).isdigit() else None
    if found is None:
        raise TriageError(_("That item is not part of this case."))
    return found


@registry.register
class AddNeed(TriageAction):
    """A need found on the case, to be met by a referral or by the agency itself."""

    action_name = "add_need"
    success_message = _("Need added to the case plan.")

    @classmethod
    def params(cls, data, instance):
        return {
            "kind": text(data, "kind"),
            "planned_on": optional_date(text(data, "planned_on")),
            "by_agency": data.get("by_agency") == "yes",
        }

    def perform(self, kind: str, planned_on=None, by_agency: bool = False) -> Need:
        if kind not in ServiceKind.values:
            raise TriageError(_("Choose the kind of need."))
        need = Need.objects.create(
            report=self.instance,
            kind=kind,
            planned_on=planned_on,
            by_agency=by_agency,
            created_by=self.user,
        )
        self.audit(f"need {need.pk}: {kind}")
        return need


@registry.register
class UpdateNeed(TriageAction):
    """The state, date and outcome of a need. A need met by an open referral follows
    that referral (the unit answers for it): only cancelling it stays possible."""

    action_name = "update_need"
    success_message = _("Need updated.")

    @classmethod
    def params(cls, data, instance):
        return {
            "need": by_pk(Need.objects.filter(report=instance), text(data, "need")),
            "state": text(data, "state"),
            "planned_on": optional_date(text(data, "planned_on")),
            "outcome": text(data, "outcome"),
        }

    def perform(self, need, state: str, planned_on=None, outcome: str = ""):
        if need.report_id != self.instance.pk or state not in NeedState.values:
            raise TriageError(_("Choose the state of the need."))
        referral = need.referral
        if (
            referral is not None
            and referral.is_open
            and state not in (need.state, NeedState.CANCELLED)
        ):
            raise TriageError(
                _("This need follows its referral; revoke the referral to change it.")
            )
        if state == NeedState.REFERRED and referral is None:
            raise TriageError(_("Refer the need to a unit from the referral form."))
        need.state, need.planned_on = state, planned_on
        if outcome:
            need.outcome = outcome
        need.save()
        self.audit(f"need {need.pk}: {state}")


@registry.register
class AssessRisk(TriageAction):
    action_name = "assess_risk"
    success_message = _("Risk assessment saved.")

    @classmethod
    def params(cls, data, instance):
        return {
            "level": text(data, "level"),
            "assessed_on": a_date(text(data, "assessed_on"), not_after=timezone.localdate()),
        }

    def perform(self, level: str, assessed_on):
        if level not in RiskLevel.values:
            raise TriageError(_("Choose the risk level."))
        ensure_case(self.instance)
        Case.objects.filter(report=self.instance).update(
            risk_level=level, risk_assessed_on=assessed_on
        )
        self.audit(f"risk {level} on {assessed_on:%Y-%m-%d}")


@registry.register
class UpdateSafetyPlan(TriageAction):
    action_name = "update_safety_plan"
    success_message = _("Safety plan saved.")

    fields = ("plan",)

    def perform(self, plan: str):
        case = ensure_case(self.instance)
        case.safety_plan = plan
        case.save(update_fields=["safety_plan_sealed"])
        self.audit()


@registry.register
class AddFollowUp(TriageAction):
    """A date on which the holder is reminded to check on the case."""

    action_name = "add_follow_up"
    success_message = _("Follow-up date set; you will be reminded when it comes.")

    @classmethod
    def params(cls, data, instance):
        return {"due_on": a_date(text(data, "due_on")), "note": text(data, "note")}

    def perform(self, due_on, note: str = "") -> FollowUp:
        follow_up = FollowUp(report=self.instance, due_on=due_on, created_by=self.user)
        follow_up.note = note
        follow_up.save()
        self.audit(f"follow-up {follow_up.pk} on {due_on:%Y-%m-%d}")
        return follow_up


@registry.register
class CompleteFollowUp(TriageAction):
    action_name = "complete_follow_up"
    success_message = _("Follow-up done.")

    @classmethod
    def params(cls, data, instance):
        queryset = FollowUp.objects.filter(report=instance, done_at__isnull=True)
        return {"follow_up": by_pk(queryset, text(data, "follow_up"))}

    def perform(self, follow_up):
        FollowUp.objects.filter(pk=follow_up.pk).update(done_at=timezone.now())
        self.audit(f"follow-up {follow_up.pk}")
