"""A report's case page (decrypted, every read audited), its files and its letters."""

from __future__ import annotations

import mimetypes
from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from content.models import ServiceUnitPage
from forms.models import Attachment, Status
from forms.triage import access, actions, workflow
from forms.triage.case_facts import CaseFactsForm, perpetrator_forms
from forms.triage.models import (
    AuditEntry,
    Case,
    ClosureOutcome,
    FollowUp,
    Need,
    NeedState,
    Note,
    Priority,
    Referral,
    ReferralMessage,
    RiskLevel,
    ServiceKind,
    ServiceRecord,
)
from forms.triage.packet import packet_of
from forms.triage.views.base import ICON, AuditedPage, never_cached

REVEALED = "triage_contact_revealed"


def visible_report(user, pk, prefetch=()):
    """The report if ``user`` may see it; 404 otherwise (no hint that it exists), and
    the attempt is written down. ``prefetch``: its rows the page shows, one query each."""
    try:
        return get_object_or_404(
            access.reports_visible_to(user)
            .select_related("region", "case", "case__assignee")
            .prefetch_related(*prefetch),
            pk=pk,
        )
    except Http404:
        access.refused(user, "report outside the user's regions or missing", pk)
        raise


def remember_reveal(request, report) -> None:
    """The contact details stay shown to this person, in this session, for
    TRIAGE_CONTACT_REVEAL_MINUTES."""
    revealed = dict(request.session.get(REVEALED, {}))
    revealed[str(report.pk)] = timezone.now().isoformat()
    request.session[REVEALED] = revealed


def contact_shown(request, report) -> bool:
    if access.can(request.user, "see_contact", report):
        return True
    since = parse_datetime(request.session.get(REVEALED, {}).get(str(report.pk), "") or "")
    window = timedelta(minutes=settings.TRIAGE_CONTACT_REVEAL_MINUTES)
    return since is not None and timezone.now() - since < window


def case_of(report):
    """The report's case as loaded with it (and its assignee), made here for an older
    report that has none; it points back at the loaded report, so its sealed safety
    plan opens with the report's data key and no query."""
    try:
        case = report.case
    except Case.DoesNotExist:
        case = actions.ensure_case(report)
    case.report = report
    return case


def of_report(rows, report) -> list:
    """``rows`` that point at ``report``, given the loaded report: a sealed value read
    on each row then unwraps the one data key once, with no query per row."""
    rows = list(rows)
    for row in rows:
        row.report = report
    return rows


def units_for(referrals) -> dict:
    """{referral pk: its unit page}, one query for the page's referrals."""
    units = ServiceUnitPage.objects.in_bulk({referral.unit_pk for referral in referrals} - {None})
    return {referral.pk: units.get(referral.unit_pk) for referral in referrals}


def referral_rows(user, report, now):
    referrals = of_report(
        Referral.objects.filter(report=report)
        .select_related("created_by")
        .prefetch_related(
            # Each with its author joined: one query per kind of row, none per user.
            Prefetch("records", ServiceRecord.objects.select_related("recorded_by")),
            Prefetch("messages", ReferralMessage.objects.select_related("author")),
            "attachments",
        ),
        report,
    )
    units = units_for(referrals)
    return [
        {
            "referral": referral,
            "unit": units[referral.pk],
            "overdue": referral.due_at is not None and referral.due_at < now,
            "can_revoke": access.can(user, "revoke", referral)
            and workflow.referral_may(referral.status, workflow.REVOKED),
            "can_answer": access.can(user, "answer_unit", referral)
            and referral.status in Referral.VISIBLE_TO_UNIT,
            "can_print": access.can(user, "print_letter", referral) and referral.is_open,
        }
        for referral in referrals
    ]


HISTORY = 40


def recent_history(report) -> dict:
    """The case's last HISTORY audit entries, oldest first: every read adds one, so the
    whole trail (in the audit log) would make a much-read case ever slower to open."""
    newest = AuditEntry.objects.filter(report_id=report.pk).select_related("actor")
    entries = list(newest.order_by("-created_at", "-pk")[: HISTORY + 1])
    return {"history": entries[:HISTORY][::-1], "history_is_cut": len(entries) > HISTORY}


def units_offered(report) -> list[tuple]:
    """(unit, [(code, label) of the services it lists]) for the referral form."""
    kinds = dict(ServiceKind.choices)
    return [
        (unit, [(s.code, kinds[s.code]) for s in unit.services.all() if s.code in kinds])
        # The form shows a unit's name and services: not the rest of its page.
        for unit in actions.units_to_refer_to(report).only("id", "title")
    ]


class CaseView(AuditedPage):
    """One report, decrypted, with its case plan, referrals and everything done on
    it; reading it is audited. The reporter's contact details are shown to the case
    holder; anyone else sees them masked until they give a reason to reveal them."""

    template_name = "triage/case.html"
    header_icon = ICON
    title = _("Report #%(number)s")
    index_url_name = "triage_queue:index"
    index_label = _("Reports")

    def get_object(self):
        # The violence kinds and perpetrators are shown twice (the summary and the
        # case facts form): read once.
        return visible_report(
            self.request.user, self.kwargs["pk"], prefetch=("violence", "perpetrators")
        )

    def record_read(self, user, report):
        actions.record_view(user, report)

    def get_context_data(self, **kwargs):
        user, report, now = self.request.user, self.object, timezone.now()
        case = case_of(report)
        can = {
            name: access.can(user, name, report)
            for name, (kind, _rule) in access.CAPABILITIES.items()
            if kind == "report"
        }
        context = super().get_context_data(**kwargs)
        context.update(
            report=report,
            case=case,
            can=can,
            decrypted=report.decrypt(),
            contact_shown=contact_shown(self.request, report),
            violence=report.get_violence_kinds_display(),
            attachments=list(Attachment.objects.filter(report=report)),
            thread=of_report(report.messages.select_related("staff_user"), report),
            notes=of_report(Note.objects.filter(report=report).select_related("author"), report),
            needs=of_report(Need.objects.filter(report=report).select_related("referral"), report),
            referrals=referral_rows(user, report, now),
            follow_ups=of_report(FollowUp.objects.filter(report=report), report),
            **recent_history(report),
            can_read_audit=access.can(user, "view_audit"),
            status_targets=[
                (target, Status(target).label) for target in workflow.manual_targets(report.status)
            ],
            may_close=workflow.may_close(report.status),
            may_reopen=workflow.may_reopen(report.status),
            priorities=Priority.choices,
            closure_outcomes=ClosureOutcome.choices,
            risk_levels=RiskLevel.choices,
            need_states=NeedState.choices,
            service_kinds=ServiceKind.choices,
            consent_overrides=Referral.ConsentOverride.choices,
            today=timezone.localdate(),
            refer_to=units_offered(report) if can["refer"] else [],
            staff=access.staff_who_may_work_on(report) if can["reassign"] else [],
            facts_form=CaseFactsForm.for_report(report),
            perpetrator_forms=perpetrator_forms(report),
            perpetrators=report.perpetrators.all(),
        )
        return context


class DownloadView(access.GateMixin, TemplateView):
    """An evidence file, decrypted and streamed to a permitted, verified staff member.

    Never a public URL: the file lives sealed in private storage, and this view is
    the only way out. Always a download (never rendered inline), never cached.
    """

    def get(self, request, pk, attachment_pk):
        report = visible_report(request.user, pk)
        attachment = get_object_or_404(Attachment, pk=attachment_pk, report=report)
        actions.record_download(request.user, attachment)
        return file_response(attachment, f"report-{report.pk}-file-{attachment.pk}")


def file_response(attachment, name: str):
    extension = mimetypes.guess_extension(attachment.content_type) or ".bin"
    response = HttpResponse(attachment.read(), content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}{extension}"'
    return never_cached(response)


class LetterView(access.GateMixin, TemplateView):
    """The referral letter for a unit not on the portal: the packet only, in
    Indonesian, marked confidential, laid out for paper. Opening it to print is
    audited."""

    template_name = "triage/letter.html"

    def get(self, request, pk, referral_pk):
        report = visible_report(request.user, pk)
        referral = get_object_or_404(Referral.objects.filter(report=report), pk=referral_pk)
        referral.report = report
        actions.record_letter(request.user, referral)
        with translation.override("id"):
            response = self.render_to_response(
                {
                    "packet": packet_of(referral),
                    "unit": units_for([referral])[referral.pk],
                    "referred_by": request.user,
                    "today": timezone.localdate(),
                }
            )
            response.render()
        return never_cached(response)
