"""The partner unit's inbox ("Rujukan"): its referrals, each packet, its actions.

A unit member sees the referrals sent to their units, danger and overdue first,
and for each one the packet (forms/triage/packet.py), never the report. Reading a
packet, downloading an attached file and every action is audited. A declined or
revoked referral, or one to another unit, answers 404 (``access.referrals_visible_to``).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST

from forms.models import Attachment
from forms.triage import access, actions, unit_index, workflow
from forms.triage.actions import registry
from forms.triage.models import Referral, ServiceKind
from forms.triage.packet import packet_of
from forms.triage.paging import SegmentedPaginator
from forms.triage.views.base import AuditedPage, ReadOnlyIndexView, ReadOnlyViewSet, take
from forms.triage.views.case import file_response
from forms.triage.views.columns import AgeColumn, DueColumn, FlagColumn, LinkColumn, TextColumn
from forms.triage.views.queue import overdue_at

SEALED = ("unit_sealed", "summary_sealed", "decline_reason_sealed", "outcome_note_sealed")


class InboxPaginator(SegmentedPaginator):
    """Deep pages as fast as the first, read through triage_inbox_segment."""

    segment_keys = ("is_open", "immediate_danger", "overdue")
    within = ("created_at", "id")


INBOX_ORDER = (*(f"-{key}" for key in InboxPaginator.segment_keys), *InboxPaginator.within)


def inbox_queryset(user, now=None):
    """The referrals to ``user``'s units: open first, then immediate danger, then
    overdue (the answer was due before ``now``), then the oldest first. The list
    reads the referral rows alone (what it shows is copied onto them), and not even
    their sealed columns."""
    queryset = (
        Referral.objects.defer(*SEALED)
        .annotate(overdue=overdue_at(now or timezone.now()))
        .order_by(*INBOX_ORDER)
    )
    return access.referrals_visible_to(user, queryset)


def packet_url(referral) -> str:
    return reverse("triage_inbox:packet", args=[referral.pk])


class InboxView(ReadOnlyIndexView):
    section = "referrals"
    page_title = _("Referrals")
    paginator_class = InboxPaginator
    unscoped_message = _(
        "You are not a member of any service unit yet, so no referral can be shown. "
        "Ask your unit coordinator or an administrator to add you to your unit."
    )

    @cached_property
    def unit_names(self) -> dict:
        return {unit_index.of(u): u.title for u in access.units_of(self.request.user)}

    @cached_property
    def columns(self):
        columns = [
            LinkColumn(
                "referral", get_url=packet_url, label=_("Referral"), accessor=lambda r: f"#{r.pk}"
            ),
            AgeColumn("created_at", label=_("Received")),
            TextColumn(
                "services",
                label=_("Services asked"),
                accessor=lambda r: ", ".join(r.get_services_display()),
            ),
            DueColumn("due_at", label=_("Response due")),
            FlagColumn("immediate_danger", _("Immediate danger"), "critical", label=_("Danger")),
            FlagColumn("child_victim", _("Child victim"), "warning", label=_("Child")),
            TextColumn("status", label=_("Status"), accessor="status_label"),
        ]
        if len(self.unit_names) > 1:
            columns.append(
                TextColumn(
                    "unit",
                    label=_("Service unit"),
                    accessor=lambda r: self.unit_names.get(r.unit_index, ""),
                )
            )
        return columns

    def get_base_queryset(self):
        return inbox_queryset(self.request.user)


def of_referral(rows, referral) -> list:
    """Rows of ``referral``, given it: their sealed values open with no query each."""
    rows = list(rows)
    for row in rows:
        row.referral = referral
    return rows


def visible_referral(user, pk) -> Referral:
    """The referral if it is to one of ``user``'s units and still theirs; 404
    otherwise (revoked, declined, another unit's, missing), and the attempt is
    written down."""
    try:
        return get_object_or_404(
            access.referrals_visible_to(user, Referral.objects.select_related("report__region")),
            pk=pk,
        )
    except Http404:
        access.refused(user, f"referral {pk} not to the user's units or missing")
        raise


class PacketView(AuditedPage):
    """One referral as its unit sees it: the packet, the services recorded, the
    thread with the case holder, and the unit's actions. Reading it is audited."""

    section = "referrals"
    template_name = "triage/packet.html"
    header_icon = "clipboard-list"
    title = _("Referral #%(number)s")
    index_url_name = "triage_inbox:index"
    index_label = _("Referrals")

    def get_object(self):
        return visible_referral(self.request.user, self.kwargs["pk"])

    def record_read(self, user, referral):
        actions.record_packet_view(user, referral)

    def get_context_data(self, **kwargs):
        referral, now = self.object, timezone.now()
        context = super().get_context_data(**kwargs)
        asked = [(code, ServiceKind(code).label) for code in referral.services]
        context.update(
            referral=referral,
            packet=packet_of(referral),
            unit={unit_index.of(u): u for u in access.units_of(self.request.user)}.get(
                referral.unit_index
            ),
            overdue=referral.due_at is not None and referral.due_at < now,
            records=of_referral(referral.records.select_related("recorded_by"), referral),
            thread=of_referral(referral.messages.select_related("author"), referral),
            may={
                name: workflow.referral_may(referral.status, target)
                for name, target in (
                    ("accept", workflow.ACCEPTED),
                    ("decline", workflow.DECLINED),
                    ("complete", workflow.DONE),
                )
            }
            | {
                "record_service": referral.status == workflow.ACCEPTED,
                "ask": referral.status in workflow.REFERRAL_OPEN,
            },
            services_asked=asked,
            outcomes=Referral.Outcome.choices,
            today=timezone.localdate(),
        )
        return context


@method_decorator(require_POST, name="dispatch")
class UnitActionView(access.GateMixin, View):
    """``/admin/referrals/<pk>/act/<action>/``: accept, decline, record a service, ask,
    complete; each a registered action on the referral (forms/triage/actions/unit.py)."""

    section = "referrals"

    def post(self, request, pk, action):
        action_class = registry.get("referral", action)
        if action_class is None or action not in UNIT_ACTIONS:
            raise Http404
        referral = visible_referral(request.user, pk)
        return take(request, action_class, referral, packet_url(referral))


UNIT_ACTIONS = {"accept", "decline", "record_service", "ask", "complete"}


class SharedFileView(access.GateMixin, View):
    """A file the referring officer attached to this referral, for its unit only."""

    section = "referrals"

    def get(self, request, pk, attachment_pk):
        referral = visible_referral(request.user, pk)
        attachment = get_object_or_404(
            Attachment.objects.filter(pk__in=referral.attachments.values("pk")), pk=attachment_pk
        )
        actions.record_shared_download(request.user, referral, attachment)
        return file_response(attachment, f"referral-{referral.pk}-file-{attachment.pk}")


class InboxViewSet(ReadOnlyViewSet):
    model = Referral
    icon = "clipboard-list"
    menu_label = _("Referrals")
    menu_name = "referrals"
    add_to_admin_menu = True
    menu_order = 140
    url_prefix = "referrals"
    name = "triage_inbox"
    list_per_page = 50
    index_view_class = InboxView
    packet_view_class = PacketView
    action_view_class = UnitActionView
    file_view_class = SharedFileView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/", self.construct_view(self.packet_view_class), name="packet"),
            path(
                "<int:pk>/act/<slug:action>/",
                self.construct_view(self.action_view_class),
                name="action",
            ),
            path(
                "<int:pk>/files/<int:attachment_pk>/",
                self.construct_view(self.file_view_class),
                name="download",
            ),
        ]
