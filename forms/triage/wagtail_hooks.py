"""Triage in the Wagtail admin: the queue and the audit log, the units' inbox, the
staff screen, the national export, the icon, the dashboard panel.

Each section is visible to its roles only: the permission policies below say no to
everyone else (Editor and Moderator included), so neither the menu nor any URL opens
for them; unit roles see the inbox and nothing of the queue.
"""

from django.templatetags.static import static
from django.urls import path, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from forms.triage import access
from forms.triage.models import AuditEntry, Case, Referral, StaffProfile
from forms.triage.views import (
    InboxViewSet,
    StaffProfileViewSet,
    TriageViewSetGroup,
    dashboard_figures,
    recording,
)

register_permission_policy(
    Case,
    access.TriagePermissionPolicy(
        Case, access.ACCESS, lambda user, qs: access.reports_visible_to(user, qs, "report__")
    ),
)
register_permission_policy(AuditEntry, access.TriagePermissionPolicy(AuditEntry, access.AUDIT))
register_permission_policy(
    Referral, access.TriagePermissionPolicy(Referral, access.REFERRALS, access.referrals_visible_to)
)
register_permission_policy(StaffProfile, access.StaffProfilePermissionPolicy(StaffProfile))


@hooks.register("register_admin_viewset")
def register_triage():
    return TriageViewSetGroup()


@hooks.register("register_admin_viewset")
def register_inbox():
    return InboxViewSet()


@hooks.register("register_admin_viewset")
def register_staff():
    return StaffProfileViewSet()


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can(request.user, "export") and access.is_two_factor_verified(request.user)


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ExportMenuItem(
        _("Export for national recording"),
        reverse_lazy("triage_queue:export"),
        name="triage-export",
        icon_name="download",
        order=151,
    )


@hooks.register("register_admin_urls")
def register_recording_urls():
    return [
        path("intake/record/", recording.RecordView.as_view(), name="intake_record"),
        path(
            "intake/receipt/<str:handle>/", recording.ReceiptView.as_view(), name="intake_receipt"
        ),
        path("intake/recorded/", recording.RecordingsView.as_view(), name="intake_recordings"),
        path("intake/recorded/<int:pk>/", recording.CorrectView.as_view(), name="intake_correct"),
    ]


class RecordingMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return access.can(user, "record_report") and access.is_two_factor_verified(user)


@hooks.register("register_admin_menu_item")
def register_record_menu_item():
    return RecordingMenuItem(
        _("Record a report"),
        reverse_lazy("intake_record"),
        name="intake-record",
        icon_name="form",
        order=149,
    )


@hooks.register("register_admin_menu_item")
def register_recordings_menu_item():
    return RecordingMenuItem(
        _("My recordings"),
        reverse_lazy("intake_recordings"),
        name="intake-recordings",
        icon_name="list-ul",
        order=150,
    )


@hooks.register("register_icons")
def register_triage_icon(icons):
    return [*icons, "triage/icons/triage.svg"]


@hooks.register("insert_global_admin_css")
def triage_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("triage/admin.css"))


class OverduePanel(Component):
    name = "triage_overdue"
    template_name = "triage/panels/overdue.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"figures": dashboard_figures(self.user, parent_context.get("request"))}


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    if access.has_triage_access(request.user) and access.is_two_factor_verified(request.user):
        panels.append(OverduePanel(request.user))
