"""The audit log for case managers: filtered (by unit too), paginated, never editable."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from forms.triage import unit_index
from forms.triage.filters import AuditFilterSet
from forms.triage.models import AuditEntry
from forms.triage.views.base import ReadOnlyIndexView, ReadOnlyViewSet
from forms.triage.views.columns import AgeColumn, LinkColumn, TextColumn


def report_link(entry) -> str:
    if not entry.report_id or entry.action == AuditEntry.Action.PURGE:
        return ""
    return reverse("triage_queue:detail", args=[entry.report_id])


class AuditLogView(ReadOnlyIndexView):
    page_title = _("Audit log")
    filterset_class = AuditFilterSet

    @cached_property
    def unit_names(self) -> dict:
        return {token: unit.title for token, unit in unit_index.units_by_token().items()}

    def unit_name(self, token: str) -> str:
        # The names are looked up for every page, used or not: the same queries on each.
        names = self.unit_names
        return names.get(token, "—") if token else ""

    @cached_property
    def columns(self):
        return [
            AgeColumn("created_at", exact=True, label=_("When")),
            TextColumn("actor", label=_("Who")),
            TextColumn("action", label=_("Action"), accessor="action_label"),
            LinkColumn(
                "report_id",
                get_url=report_link,
                label=_("Report"),
                accessor=lambda e: f"#{e.report_id}" if e.report_id else "—",
            ),
            TextColumn(
                "unit",
                label=_("Service unit"),
                accessor=lambda e: self.unit_name(e.unit_index),
            ),
            TextColumn("detail", label=_("Detail")),
        ]

    def get_base_queryset(self):
        return AuditEntry.objects.select_related("actor").order_by("-created_at", "-pk")


class AuditLogViewSet(ReadOnlyViewSet):
    """Read-only: no add, edit or delete view exists for the audit log."""

    model = AuditEntry
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_name = "triage-audit"
    url_prefix = "triage/audit"
    name = "triage_audit"
    index_view_class = AuditLogView
    list_per_page = 100
