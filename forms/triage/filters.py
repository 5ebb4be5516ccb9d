"""The filters of the queue (one per column) and of the audit log (django-filter,
rendered by Wagtail's filter drawer)."""

from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter, WagtailFilterSet

from content.models import Region, ServiceUnitPage
from forms.models import CaptchaState, ReportViolence, Status, ViolenceKind
from forms.triage import access, unit_index
from forms.triage.models import AuditEntry, Case, Priority


class QueueFilterSet(WagtailFilterSet):
    received = django_filters.ChoiceFilter(
        label=_("Age"),
        choices=[
            ("1d", _("Received in the last 24 hours")),
            ("7d", _("Received in the last 7 days")),
            ("older", _("Older than 7 days")),
        ],
        method="filter_received",
    )
    immediate_danger = django_filters.BooleanFilter(
        field_name="immediate_danger", label=_("Immediate danger")
    )
    violence = django_filters.MultipleChoiceFilter(
        label=_("Violence type"), choices=ViolenceKind.choices, method="filter_violence"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region (and below)"),
        # Provinces and regencies/cities: a select of every village would be 80,000 long.
        queryset=Region.objects.filter(level__lte=Region.Level.REGENCY),
        method="filter_region",
    )
    # distinct=False: one row per case already; DISTINCT would make PostgreSQL
    # de-duplicate the whole filtered queue before paginating.
    status = django_filters.MultipleChoiceFilter(
        field_name="report__status", label=_("Status"), choices=Status.choices, distinct=False
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assignee"),
        # Staff who may work on reports: not a scan of every case for its assignees.
        queryset=access.users_holding(access.WORK).order_by("username"),
    )
    unassigned = django_filters.BooleanFilter(
        field_name="assignee", lookup_expr="isnull", label=_("Unassigned")
    )
    due = django_filters.ChoiceFilter(
        label=_("Due"),
        choices=[
            ("overdue", _("Overdue")),
            ("24h", _("Due within 24 hours")),
            ("none", _("No due time")),
        ],
        method="filter_due",
    )
    captcha_unverified = django_filters.BooleanFilter(
        label=_("Captcha not checked or low score"), method="filter_captcha"
    )
    priority = django_filters.MultipleChoiceFilter(
        field_name="priority", label=_("Priority"), choices=Priority.choices, distinct=False
    )

    class Meta:
        model = Case
        fields = []

    def filter_received(self, queryset, name, value):
        now = timezone.now()
        if value == "1d":
            return queryset.filter(received_at__gte=now - timedelta(days=1))
        if value == "7d":
            return queryset.filter(received_at__gte=now - timedelta(days=7))
        if value == "older":
            return queryset.filter(received_at__lt=now - timedelta(days=7))
        return queryset

    def filter_violence(self, queryset, name, value):
        if not value:
            return queryset
        # EXISTS rather than a join: no duplicate rows, no DISTINCT over the queue.
        named = ReportViolence.objects.filter(report=OuterRef("report_id"), kind__in=value)
        return queryset.filter(Exists(named))

    def filter_region(self, queryset, name, value):
        return queryset.filter(
            Q(report__region__code=value.code)
            | Q(report__region__code__startswith=f"{value.code}.")
        )

    def filter_due(self, queryset, name, value):
        now = timezone.now()
        if value == "overdue":
            return queryset.filter(due_at__lt=now)
        if value == "24h":
            return queryset.filter(due_at__gte=now, due_at__lt=now + timedelta(hours=24))
        if value == "none":
            return queryset.filter(due_at__isnull=True)
        return queryset

    def filter_captcha(self, queryset, name, value):
        if value is None:
            return queryset
        passed = Q(report__captcha_state=CaptchaState.PASSED)
        return queryset.exclude(passed) if value else queryset.filter(passed)


class AuditFilterSet(WagtailFilterSet):
    """The audit log by report, staff member, action and date range (case managers)."""

    report = django_filters.NumberFilter(
        field_name="report_id", label=_("Report number"), min_value=1
    )
    actor = MultipleUserFilter(
        label=_("Staff member"),
        # Everyone who may act in triage, the inbox or the staff screen (the log's
        # possible actors), not a scan of the log itself for its distinct actors.
        queryset=access.users_holding(*access.ACTOR_PERMISSIONS).order_by("username"),
        distinct=False,
    )
    action = django_filters.MultipleChoiceFilter(
        label=_("Action"), choices=AuditEntry.Action.choices, distinct=False
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    unit = django_filters.ModelChoiceFilter(
        label=_("Service unit"),
        queryset=ServiceUnitPage.objects.filter(locale__language_code="id").order_by("title"),
        method="filter_unit",
    )

    class Meta:
        model = AuditEntry
        fields = []

    def filter_unit(self, queryset, name, value):
        # The log keeps the unit as its blind index only (forms/triage/unit_index.py).
        return queryset.filter(unit_index__in=unit_index.all_of(value)) if value else queryset
