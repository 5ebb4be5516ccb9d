"""The audit log for case managers: in names and words, filtered (by unit, and page
views apart from actions), paginated, exportable to CSV (audited), never editable."""

from __future__ import annotations

import csv
import io
import re

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from forms.triage import access, unit_index
from forms.triage.filters import AuditFilterSet
from forms.triage.models import AuditEntry
from forms.triage.views.base import ReadOnlyIndexView, ReadOnlyViewSet
from forms.triage.views.columns import AgeColumn, LinkColumn, TextColumn


def report_link(entry) -> str:
    if not entry.report_id or entry.action == AuditEntry.Action.PURGE:
        return ""
    return reverse("triage_queue:detail", args=[entry.report_id])


# "to user 7" (a reassignment), "user 7; regions" (a staff member's profile changed).
_TO_USER = re.compile(r"^to user (\d+)$")
_USER = re.compile(r"^user (\d+)(;.*)?$")


def person(user) -> str:
    """A staff member by name (their username when no name is set)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def staff_names() -> dict[int, str]:
    """Everyone who may appear in the log, by id: one query whatever the page shows."""
    users = access.users_holding(*access.ACTOR_PERMISSIONS).distinct()
    return {user.pk: person(user) for user in users}


def detail_in_words(entry, names: dict[int, str]) -> str:
    """The entry's detail with a staff member's id turned into their name."""
    match = _TO_USER.match(entry.detail or "")
    if match:
        return _("to %(name)s") % {"name": names.get(int(match[1]), "—")}
    match = _USER.match(entry.detail or "")
    if match:
        return names.get(int(match[1]), "—") + (match[2] or "")
    return entry.detail


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
            TextColumn("actor", label=_("Who"), accessor=lambda e: person(e.actor)),
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
            TextColumn(
                "detail", label=_("Detail"), accessor=lambda e: detail_in_words(e, self.names)
            ),
        ]

    @cached_property
    def names(self) -> dict[int, str]:
        return staff_names()

    def get_base_queryset(self):
        entries = AuditEntry.objects.select_related("actor").order_by("-created_at", "-pk")
        return access.audit_entries_visible_to(self.request.user, entries)


class AuditExportView(AuditLogView):
    """The filtered log as CSV, for whoever reads the log (case managers); audited."""

    def get(self, request, *args, **kwargs):
        if not access.can(request.user, "view_audit"):
            raise PermissionDenied
        entries = self.filter_queryset(self.get_base_queryset())
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [_("When"), _("Who"), _("Action"), _("Report"), _("Service unit"), _("Detail")]
        )
        count = 0
        for entry in entries.iterator():
            writer.writerow(
                [
                    entry.created_at.isoformat(),
                    person(entry.actor),
                    entry.action_label,
                    entry.report_id or "",
                    self.unit_name(entry.unit_index),
                    detail_in_words(entry, self.names),
                ]
            )
            count += 1
        AuditEntry.record(request.user, AuditEntry.Action.EXPORT, None, f"audit log csv: {count}")
        response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        response["Cache-Control"] = "no-store, private"
        return response


class AuditLogViewSet(ReadOnlyViewSet):
    """Read-only: no add, edit or delete view exists for the audit log."""

    model = AuditEntry
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_name = "triage-audit"
    url_prefix = "triage/audit"
    name = "triage_audit"
    index_view_class = AuditLogView
    export_view_class = AuditExportView
    list_per_page = 100

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("export.csv", self.construct_view(self.export_view_class), name="export_csv"),
        ]
