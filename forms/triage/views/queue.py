"""The queue: the cases a triage member may see, danger and overdue first."""

from __future__ import annotations

from django.db import models
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.models import Status, ViolenceKind
from forms.models.report import SEALED_FIELDS
from forms.triage import access
from forms.triage.filters import QueueFilterSet
from forms.triage.models import Case
from forms.triage.models.choices import label
from forms.triage.paging import SegmentedPaginator
from forms.triage.views.actions import ReferralActionView, ReportActionView
from forms.triage.views.base import ICON, ReadOnlyIndexView, ReadOnlyViewSet
from forms.triage.views.case import CaseView, DownloadView, LetterView
from forms.triage.views.columns import AgeColumn, DueColumn, FlagColumn, LinkColumn, TextColumn
from forms.triage.views.export import ExportView


def queue_queryset(user, now=None):
    """The cases ``user`` may see, in the queue's order.

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
        .defer(*(f"report__{name}_sealed" for name in SEALED_FIELDS), "safety_plan_sealed")
        .prefetch_related("report__violence")
        .annotate(overdue=overdue_at(now or timezone.now()))
        .order_by(*QUEUE_ORDER)
    )
    return access.reports_visible_to(user, queryset, report_path="report__")


def overdue_at(now):
    """True when the row's due time has passed at ``now`` (never NULL: no due time
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


QUEUE_COLUMNS = [
    LinkColumn(
        "report",
        get_url=lambda case: reverse("triage_queue:detail", args=[case.report_id]),
        label=_("Report"),
        accessor=lambda case: f"#{case.report_id}",
    ),
    AgeColumn("age", label=_("Age"), accessor=lambda case: case.report.created_at),
    FlagColumn(
        "danger",
        _("Immediate danger"),
        "critical",
        label=_("Danger"),
        accessor=lambda case: case.report.immediate_danger,
    ),
    TextColumn(
        "violence",
        label=_("Violence types"),
        accessor=lambda case: ", ".join(
            str(label(ViolenceKind, row.kind)) for row in case.report.violence.all()
        ),
    ),
    TextColumn("region", label=_("Region"), accessor=lambda case: case.report.region.name),
    TextColumn(
        "status", label=_("Status"), accessor=lambda case: label(Status, case.report.status)
    ),
    TextColumn(
        "assignee",
        label=_("Assignee"),
        accessor=lambda case: case.assignee.get_username() if case.assignee else "—",
    ),
    DueColumn("due", label=_("Due"), accessor="due_at"),
    FlagColumn(
        "captcha",
        None,
        "warning",
        label=_("Captcha"),
        accessor=lambda case: case.report.captcha_flag,
    ),
]


class QueueView(ReadOnlyIndexView):
    """The queue; decrypted text never appears here (and is not even fetched)."""

    page_title = _("Reports")
    columns = QUEUE_COLUMNS
    filterset_class = QueueFilterSet
    paginator_class = QueuePaginator
    unscoped_message = _(
        "No region is assigned to you yet, so no report can be shown. Ask an "
        "administrator to set your regions under Settings → Staff."
    )

    def get_base_queryset(self):
        return queue_queryset(self.request.user)


class TriageViewSet(ReadOnlyViewSet):
    model = Case
    icon = ICON
    menu_label = _("Reports")
    menu_name = "triage-reports"
    url_prefix = "triage/reports"
    name = "triage_queue"
    list_per_page = 50
    index_view_class = QueueView
    case_view_class = CaseView
    download_view_class = DownloadView
    letter_view_class = LetterView
    action_view_class = ReportActionView
    referral_action_view_class = ReferralActionView
    export_view_class = ExportView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/", self.construct_view(self.case_view_class), name="detail"),
            path(
                "<int:pk>/files/<int:attachment_pk>/",
                self.construct_view(self.download_view_class),
                name="download",
            ),
            path(
                "<int:pk>/act/<slug:action>/",
                self.construct_view(self.action_view_class),
                name="action",
            ),
            path(
                "<int:pk>/referrals/<int:referral_pk>/letter/",
                self.construct_view(self.letter_view_class),
                name="letter",
            ),
            path(
                "<int:pk>/referrals/<int:referral_pk>/act/<slug:action>/",
                self.construct_view(self.referral_action_view_class),
                name="referral_action",
            ),
            path("export/", self.construct_view(self.export_view_class), name="export"),
        ]
