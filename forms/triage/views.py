"""The triage section of the admin: the queue, a report's page, its actions, the audit log.

Every view passes ``access.gate`` first (signed in, triage role, second factor),
then scopes what it reads through ``access``; every action is a POST to one of the
functions in ``forms.triage.actions``, which checks and audits it.
"""

from __future__ import annotations

import mimetypes

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from content.models import ServiceUnitPage
from forms.models import Attachment, Report
from forms.triage import access, actions, export, workflow
from forms.triage.case_facts import CaseFactsForm, perpetrator_forms, perpetrators_from
from forms.triage.filters import AuditFilterSet, QueueFilterSet
from forms.triage.models import AuditEntry, Case, Note, Priority, Referral
from forms.triage.paging import SegmentedPaginator
from forms.triage.workflow import IllegalTransition

ICON = "triage"


def queue_queryset(user, now=None):
    """The cases ``user`` may see, in the order the issue asks for.

    Open before closed; then immediate danger first; then overdue (due time already
    passed); then the oldest submission first. "Overdue" is worked out in the query
    against the time of the request (``now``, bound as a parameter), never read from
    a stored flag that would go stale between two writes. The keys live on the case
    row itself (kept in step by forms.triage.actions); ``QueuePaginator`` reads each
    page through the triage_queue_segment index. Only clear metadata is selected: the
    sealed columns are deferred, so not even ciphertext leaves the database for the list.
    """
    queryset = (
        Case.objects.select_related("report", "report__region", "assignee")
        .defer(*(f"report__{name}_sealed" for name in SEALED))
        .prefetch_related("report__violence")
        .annotate(overdue=overdue_at(now or timezone.now()))
        .order_by(*QUEUE_ORDER)
    )
    return access.reports_visible_to(user, queryset, report_path="report__")


def overdue_at(now):
    """True when the case's due time has passed at ``now`` (never NULL: no due time
    is not overdue, and NULL would sort first in a descending order on PostgreSQL)."""
    return models.Case(
        models.When(due_at__lt=now, then=models.Value(True)),
        default=models.Value(False),
        output_field=models.BooleanField(),
    )


class QueuePaginator(SegmentedPaginator):
    """Deep pages as fast as the first (forms/triage/paging.py)."""

    segment_keys = ("is_open", "immediate_danger", "overdue")  # each: yes first
    within = ("received_at", "report_id")  # then the oldest submission first


QUEUE_ORDER = (*(f"-{key}" for key in QueuePaginator.segment_keys), *QueuePaginator.within)


SEALED = (
    "narrative",
    "place",
    "approximate_date",
    "perpetrator_relation",
    "contact_name",
    "contact_channel",
    "contact_details",
    "safe_time",
)


class ReportColumn(Column):
    cell_template_name = "triage/cells/report.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("triage_queue:detail", args=[instance.pk])
        return context


class FlagColumn(Column):
    """A tag when the value is true, nothing otherwise (danger, captcha); without a
    ``flag_label`` the tag reads the value itself."""

    cell_template_name = "triage/cells/flag.html"

    def __init__(self, name, flag_label, tone, **kwargs):
        super().__init__(name, **kwargs)
        self.flag_label, self.tone = flag_label, tone

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(flag_label=self.flag_label, tone=self.tone)
        return context


class DueColumn(Column):
    cell_template_name = "triage/cells/due.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        # The same verdict the order used (one "now" for the whole page).
        context["overdue"] = getattr(instance, "overdue", instance.is_overdue)
        return context


class AgeColumn(Column):
    cell_template_name = "triage/cells/age.html"


QUEUE_COLUMNS = [
    ReportColumn("report", label=_("Report"), accessor=lambda case: f"#{case.report_id}"),
    AgeColumn("age", label=_("Age"), accessor=lambda case: case.report.created_at),
    FlagColumn(
        "danger",
        _("Immediate danger"),
        "critical",
        label=_("Danger"),
        accessor=lambda case: case.report.immediate_danger,
    ),
    Column(
        "violence",
        label=_("Violence types"),
        accessor=lambda case: ", ".join(
            str(row.get_kind_display()) for row in case.report.violence.all()
        ),
    ),
    Column("region", label=_("Region"), accessor=lambda case: case.report.region.name),
    Column("status", label=_("Status"), accessor=lambda case: case.report.get_status_display()),
    Column(
        "assignee",
        label=_("Assignee"),
        accessor=lambda case: case.assignee.get_username() if case.assignee else "—",
    ),
    DueColumn("due", label=_("Due"), accessor="due_at"),
    # Says why (not checked, low score) rather than "not passed" for both.
    FlagColumn(
        "captcha",
        None,
        "warning",
        label=_("Captcha"),
        accessor=lambda case: case.report.captcha_flag,
    ),
]


class QueueView(access.TriageGateMixin, IndexView):
    """The queue; decrypted text never appears here (and is not even fetched)."""

    page_title = _("Reports")
    columns = QUEUE_COLUMNS
    filterset_class = QueueFilterSet
    paginator_class = QueuePaginator
    any_permission_required = ["view"]

    def get_base_queryset(self):
        return queue_queryset(self.request.user)

    def order_queryset(self, queryset):
        return queryset  # the queue's order is the triage rule, not a column sort

    def get_add_url(self):
        return None


class TriageViewSet(ModelViewSet):
    model = Case
    icon = ICON
    menu_label = _("Reports")
    menu_name = "triage-reports"
    url_prefix = "triage/reports"
    name = "triage_queue"
    index_view_class = QueueView
    list_per_page = 50
    add_to_reference_index = False
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", ReportDetailView.as_view(), name="detail"),
            path(
                "<int:pk>/files/<int:attachment_pk>/",
                download_attachment,
                name="download",
            ),
            path("<int:pk>/act/<slug:action>/", act, name="action"),
            path("export/", ExportView.as_view(), name="export"),
        ]

    def register_admin_url_finder(self):
        pass  # no edit view to point at


class AuditReportColumn(Column):
    """The report number, linked to the report (the log's readers see every region)."""

    cell_template_name = "triage/cells/report.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = f"#{instance.report_id}" if instance.report_id else "—"
        context["url"] = (
            reverse("triage_queue:detail", args=[instance.report_id])
            if instance.report_id and instance.action != AuditEntry.Action.PURGE
            else ""
        )
        return context


class AuditLogView(access.TriageGateMixin, IndexView):
    """The audit log for case managers: filtered, paginated, never editable."""

    page_title = _("Audit log")
    any_permission_required = ["view"]
    filterset_class = AuditFilterSet
    columns = [
        DateColumn("created_at", label=_("When")),
        Column("actor", label=_("Who")),
        Column("action", label=_("Action"), accessor="get_action_display"),
        AuditReportColumn("report_id", label=_("Report")),
        Column("detail", label=_("Detail")),
    ]

    def get_base_queryset(self):
        return AuditEntry.objects.select_related("actor").order_by("-created_at", "-pk")

    def order_queryset(self, queryset):
        return queryset

    def get_add_url(self):
        return None


class AuditLogViewSet(ModelViewSet):
    """Read-only: no add, edit or delete view exists for the audit log."""

    model = AuditEntry
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_name = "triage-audit"
    url_prefix = "triage/audit"
    name = "triage_audit"
    index_view_class = AuditLogView
    list_per_page = 100
    add_to_reference_index = False
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def register_admin_url_finder(self):
        pass


class TriageViewSetGroup(ViewSetGroup):
    items = (TriageViewSet, AuditLogViewSet)
    menu_label = _("Triage")
    menu_icon = ICON
    menu_name = "triage"
    menu_order = 150


def visible_report(user, pk) -> Report:
    """The report if ``user`` may see it; 404 otherwise (no hint that it exists), and
    the attempt is written down."""
    try:
        return get_object_or_404(
            access.reports_visible_to(user).select_related("region", "case", "case__assignee"),
            pk=pk,
        )
    except Http404:
        access.refused(user, "report outside the user's regions or missing", pk)
        raise


def referral_choices(report):
    """(unit, service code, service name) pairs to refer to, nearest units first."""
    province = report.region_id.split(".")[0]
    units = (
        ServiceUnitPage.objects.live()
        .filter(locale__language_code="id")
        .filter(models.Q(region__code=province) | models.Q(region__code__startswith=f"{province}."))
        .prefetch_related("services")
        .order_by("title")
    )
    return [(unit, service.code, service.name) for unit in units for service in unit.services.all()]


def triage_staff_for(report):
    User = get_user_model()
    candidates = (
        User.objects.filter(is_active=True, groups__permissions__codename="work_reports")
        .distinct()
        .order_by("username")
    )
    return [user for user in candidates if access.can(user, "view", report)]


@method_decorator(access.triage_gate, name="dispatch")
class ReportDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One report, decrypted, with everything done on it; reading it is audited."""

    template_name = "triage/detail.html"
    header_icon = ICON

    @cached_property
    def report(self):
        return visible_report(self.request.user, self.kwargs["pk"])

    def get_page_title(self):
        return _("Report #%(number)s") % {"number": self.report.pk}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("triage_queue:index"), "label": _("Reports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        actions.record_view(request.user, self.report)
        response = super().get(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        user, report = self.request.user, self.report
        case = actions.ensure_case(report)
        context = super().get_context_data(**kwargs)
        context.update(
            report=report,
            case=case,
            decrypted=report.decrypt(),
            violence=report.get_violence_kinds_display(),
            attachments=Attachment.objects.filter(report=report),
            thread=report.messages.select_related("staff_user"),
            notes=Note.objects.filter(report=report).select_related("author"),
            referrals=Referral.objects.filter(report=report).select_related("unit", "created_by"),
            referral_statuses=Referral.Status.choices,
            consent_overrides=Referral.ConsentOverride.choices,
            history=AuditEntry.objects.filter(report_id=report.pk)
            .select_related("actor")
            .order_by("created_at", "pk"),
            can={
                name: access.can(user, name, report)
                for name in access.ACTIONS
                if name not in access.READ_ACTIONS
            },
            status_targets=[
                (target, dict(workflow_labels())[target])
                for target in workflow.manual_targets(report.status)
            ],
            priorities=Priority.choices,
            refer_to=referral_choices(report) if access.can(user, "refer", report) else [],
            staff=triage_staff_for(report) if access.can(user, "reassign", report) else [],
            facts_form=CaseFactsForm.for_report(report),
            perpetrator_forms=perpetrator_forms(report),
            perpetrators=report.perpetrators.all(),
        )
        return context


def workflow_labels():
    from forms.models import Status

    return Status.choices


@access.triage_gate
def download_attachment(request, pk, attachment_pk):
    """An evidence file, decrypted and streamed to a permitted, verified staff member.

    Never a public URL: the file lives sealed in private storage, and this view is
    the only way out. Always a download (never rendered inline), never cached.
    """
    report = visible_report(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, report=report)
    actions.record_download(request.user, attachment)
    extension = mimetypes.guess_extension(attachment.content_type) or ".bin"
    response = HttpResponse(attachment.read(), content_type=attachment.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="report-{report.pk}-file-{attachment.pk}{extension}"'
    )
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response


def _perform(request, report, action):
    user, data = request.user, request.POST
    if action == "claim":
        actions.claim(user, report)
        return _("You hold this report now.")
    if action == "release":
        actions.release(user, report)
        return _("Report released.")
    if action == "verify":
        actions.verify(user, report)
        return _("Report verified.")
    if action == "invalidate":
        actions.invalidate(user, report, data.get("reason", ""))
        return _("Report marked invalid.")
    if action == "status":
        actions.change_status(user, report, data.get("status", ""))
        return _("Status changed.")
    if action == "priority":
        actions.set_priority(user, report, data.get("priority", "0"))
        return _("Priority set.")
    if action == "reassign":
        assignee = get_user_model().objects.filter(pk=data.get("assignee") or 0).first()
        if assignee is None:
            raise actions.TriageError(_("Choose a staff member."))
        actions.reassign(user, report, assignee)
        return _("Report reassigned.")
    if action == "note":
        actions.add_note(user, report, data.get("body", ""))
        return _("Note saved.")
    if action == "message":
        actions.message_reporter(user, report, data.get("body", ""))
        return _("Message sent; the reporter reads it with their receipt code.")
    if action == "refer":
        targets = []
        units = {unit.pk: unit for unit, _code, _name in referral_choices(report)}
        for value in data.getlist("targets"):
            unit_pk, _sep, code = value.partition(":")
            unit = units.get(int(unit_pk)) if unit_pk.isdigit() else None
            if unit is None or not code:
                raise actions.TriageError(_("Unknown service unit."))
            targets.append((unit, code))
        actions.refer(
            user,
            report,
            targets,
            data.get("notes", ""),
            override=data.get("consent_override", ""),
            reason=data.get("consent_reason", ""),
            confirmed=data.get("consent_confirmed") == "yes",
        )
        return _("Referred to %(count)s unit(s).") % {"count": len(targets)}
    if action == "facts":
        facts = CaseFactsForm.for_report(report, data)
        perpetrators = perpetrator_forms(report, data)
        if not (facts.is_valid() and perpetrators.is_valid()):
            raise actions.TriageError(_("Some case facts need another look; nothing was saved."))
        changed = actions.record_facts(
            user, report, facts.cleaned_data, perpetrators_from(perpetrators)
        )
        return _("Case facts saved.") if changed else _("Nothing changed.")
    if action == "referral":
        referral = get_object_or_404(Referral, pk=data.get("referral") or 0, report=report)
        notes = data.get("notes")
        actions.update_referral(user, referral, data.get("status", ""), notes)
        return _("Referral updated.")
    raise Http404


@require_POST
@access.triage_gate
def act(request, pk, action):
    report = visible_report(request.user, pk)
    try:
        done = _perform(request, report, action)
    except IllegalTransition as error:
        messages.error(request, error.message)
    except actions.TriageError as error:
        messages.error(request, error.message)
    except PermissionDenied:
        access.refused(user=request.user, what=f"action {action}", report=report)
        raise
    else:
        messages.success(request, done)
    return redirect("triage_queue:detail", pk=report.pk)


class ExportForm(forms.Form):
    """A region (province or regency) and a month or a whole year."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("The whole year"))] + [(m, m) for m in range(1, 13)],
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", "XLSX"), ("csv", "CSV")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from content.models import Region

        regions = Region.objects.filter(level__lte=Region.Level.REGENCY).order_by("code")
        self.fields["region"].choices = [("", _("Every region"))] + [
            (code, f"{code} {name}") for code, name in regions.values_list("code", "name")
        ]


@method_decorator(access.triage_gate, name="dispatch")
class ExportView(WagtailAdminTemplateMixin, TemplateView):
    """Download a month or a year of report rows for national recording (audited)."""

    template_name = "triage/export.html"
    header_icon = "download"
    page_title = _("Export for national recording")

    def dispatch(self, request, *args, **kwargs):
        if not access.can(request.user, "export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET or None)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            period = export.Period(data["year"], data["month"])
            body, content_type, name = export.export(
                request.user, data["region"], period, data["format"]
            )
            response = HttpResponse(body, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private"
            return response
        return self.render_to_response(self.get_context_data(form=form))
