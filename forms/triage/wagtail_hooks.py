"""Triage in the Wagtail admin: the queue and the audit log, the units' inbox, the
staff screen, the national export, the icon, the dashboard panel.

Each section is visible to its roles only: the permission policies below say no to
everyone else (Editor and Moderator included), so neither the menu nor any URL opens
for them; unit roles see the inbox and nothing of the queue.
"""

from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from forms.triage import access, workflow
from forms.triage.models import AuditEntry, Case, Referral, StaffProfile
from forms.triage.views import (
    InboxViewSet,
    StaffProfileViewSet,
    TriageViewSetGroup,
    queue_queryset,
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
        open_cases = queue_queryset(self.user).exclude(
            report__status__in=[workflow.INVALID, workflow.CLOSED]
        )
        return {
            "queue_url": reverse("triage_queue:index"),
            "overdue": open_cases.filter(due_at__lt=timezone.now()).count(),
            "danger": open_cases.filter(report__immediate_danger=True).count(),
            "new": open_cases.filter(report__status=workflow.NEW).count(),
            "mine": open_cases.filter(assignee=self.user).count(),
            "user_pk": self.user.pk,
        }


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    if access.has_triage_access(request.user) and access.is_two_factor_verified(request.user):
        panels.append(OverduePanel(request.user))
