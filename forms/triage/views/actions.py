"""The POSTs of the case page: each one registered action, checked and audited by it."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.http import require_POST

from forms.triage import access
from forms.triage.actions import registry
from forms.triage.models import Referral
from forms.triage.views.base import take
from forms.triage.views.case import remember_reveal, visible_report

# What a successful action leaves in the session, beyond its own effect.
AFTERWARDS = {"reveal_contact": remember_reveal}


@method_decorator(require_POST, name="dispatch")
class ReportActionView(access.GateMixin, View):
    """``.../reports/<pk>/act/<action>/``: an action taken on the report."""

    def post(self, request, pk, action):
        action_class = registry.get("report", action)
        if action_class is None:
            raise Http404
        report = visible_report(request.user, pk)
        return take(request, action_class, report, case_url(report.pk), AFTERWARDS.get(action))


@method_decorator(require_POST, name="dispatch")
class ReferralActionView(access.GateMixin, View):
    """``.../reports/<pk>/referrals/<referral_pk>/act/<action>/``: the case holder's
    actions on one referral (revoke, answer the unit)."""

    def post(self, request, pk, referral_pk, action):
        action_class = registry.get("referral", action)
        if action_class is None or action not in AGENCY_REFERRAL_ACTIONS:
            raise Http404
        report = visible_report(request.user, pk)
        referral = get_object_or_404(Referral.objects.filter(report=report), pk=referral_pk)
        referral.report = report
        return take(request, action_class, referral, case_url(report.pk))


AGENCY_REFERRAL_ACTIONS = {"revoke", "answer_unit"}


def case_url(pk) -> str:
    return reverse("triage_queue:detail", args=[pk])
