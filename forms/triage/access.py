"""Who may see which report and do what with it: the one place triage asks.

Every triage view, queryset and action goes through this module:

- ``reports_visible_to(user)`` scopes a queryset of reports (or of rows that point
  at a report) to what the user may see: an officer the reports of their regions
  and every region below them (Kemendagri codes are prefixes of their children's),
  a case manager or administrator every report;
- ``can(user, action, report)`` answers for one action on one report (and, with
  no report, for "view_queue", "view_audit" and "export", the row-level export);
- ``TriageGateMixin`` / ``triage_gate`` guard every triage page: signed in, in a
  triage role, and past the second factor (django-otp) in this session.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from wagtail.permission_policies.base import BasePermissionPolicy

from forms import regions

ACCESS = "triage.access_triage"
WORK = "triage.work_reports"
ALL_REGIONS = "triage.view_all_regions"
REASSIGN = "triage.reassign_reports"
AUDIT = "triage.view_audit_log"
EXPORT = "triage.export_reports"

# Actions anyone who may see the report may take.
READ_ACTIONS = frozenset({"view", "download"})
# Actions only the officer holding the report (or a case manager) may take.
HOLDER_ACTIONS = frozenset(
    {
        "release",
        "verify",
        "invalidate",
        "change_status",
        "set_priority",
        "message",
        "refer",
        "update_referral",
        "facts",
    }
)
# "work": may work on this report at all (the claim itself is then decided by the
# database, see forms.triage.actions.claim).
ACTIONS = READ_ACTIONS | HOLDER_ACTIONS | {"claim", "note", "reassign", "work"}


class UnknownAction(ValueError):
    """``can()`` was asked about an action it does not know: a programming error."""


def has_triage_access(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(ACCESS))


def is_two_factor_verified(user) -> bool:
    """True once this session passed an OTP device (django_otp's OTPMiddleware)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def region_codes_of(user) -> list[str]:
    cached = getattr(user, "_triage_region_codes", None)
    if cached is None:
        StaffProfile = apps.get_model("triage", "StaffProfile")
        cached = list(
            StaffProfile.regions.through.objects.filter(staffprofile__user=user).values_list(
                "region_id", flat=True
            )
        )
        user._triage_region_codes = cached
    return cached


def sees_all_regions(user) -> bool:
    return user.has_perm(ALL_REGIONS)


def reports_visible_to(user, queryset=None, report_path: str = ""):
    """``queryset`` (default: every Report) narrowed to what ``user`` may see.

    ``report_path`` is the lookup from the queryset's model to the report
    (``"report__"`` for rows that point at one), so cases, referrals and files are
    scoped by the same rule.
    """
    if queryset is None:
        queryset = apps.get_model("complaints", "Report").objects.all()
    if not has_triage_access(user):
        return queryset.none()
    if sees_all_regions(user):
        return queryset
    codes = region_codes_of(user)
    if not codes:
        return queryset.none()
    return queryset.filter(region_condition(codes, report_path))


def region_condition(codes, report_path: str = "") -> Q:
    """Reports in any of these regions or below them.

    A report's region in clear is its regency (or province); its district is sealed,
    with a keyed blind index beside it (forms/regions.py). So a province or regency
    scope matches the region code and its prefix, a district scope the index, and a
    village scope its district's index (the village itself is sealed).
    """
    # region__code rather than region_id: Django trims the join (code is the key)
    # and allows the prefix lookup, which a foreign key column does not.
    field = f"{report_path}region__code"
    condition = Q()
    for code in codes:
        if regions.level_of(code) >= regions.DISTRICT:
            index = regions.district_index(regions.district_of(code))
            condition |= Q(**{f"{report_path}district_index": index})
        else:
            condition |= Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}."})
    return condition


def report_in_regions(user, report) -> bool:
    if sees_all_regions(user):
        return True
    region_code, index = report.region_id, report.district_index
    for code in region_codes_of(user):
        if regions.level_of(code) >= regions.DISTRICT:
            if index and index == regions.district_index(regions.district_of(code)):
                return True
        elif region_code == code or region_code.startswith(f"{code}."):
            return True
    return False


def can(user, action: str, report=None) -> bool:
    """May ``user`` take ``action`` on ``report``? (The 2FA gate is checked by the views.)"""
    if action not in ACTIONS | {"view_queue", "view_audit", "export"}:
        raise UnknownAction(action)
    if not has_triage_access(user):
        return False
    if action == "view_queue":
        return True
    if action == "view_audit":
        return user.has_perm(AUDIT)
    if action == "export":  # row-level exports for national recording (export.py)
        return user.has_perm(EXPORT)
    if report is None or not report_in_regions(user, report):
        return False
    if action in READ_ACTIONS:
        return True
    if not user.has_perm(WORK):
        return False
    manager = user.has_perm(REASSIGN)
    if action == "reassign":
        return manager
    assignee_id = assignee_id_of(report)
    if action == "claim":
        return assignee_id is None
    if action in ("note", "work"):
        return True
    return manager or assignee_id == user.pk


def assignee_id_of(report):
    Case = apps.get_model("triage", "Case")
    try:
        return report.case.assignee_id
    except Case.DoesNotExist:
        return None


def refused(user, what: str, report=None) -> None:
    """Write down a refused attempt (who, what they asked for): in the audit log."""
    AuditEntry = apps.get_model("triage", "AuditEntry")
    AuditEntry.record(user, AuditEntry.Action.REFUSED, report, what[:200])


def two_factor_url(request) -> str:
    """Where a staff member without a verified device goes (the portal's 2FA page)."""
    query = urlencode({"next": request.get_full_path()})
    for name in ("two_factor:verify", "two_factor:enrol"):
        try:
            return f"{reverse(name)}?{query}"
        except NoReverseMatch:
            continue
    return f"{reverse('wagtailadmin_login')}?{query}"


def gate(request):
    """None when the request may open a triage page, else the response that refuses it."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.path})}")
    if not has_triage_access(user):
        refused(user, request.path)
        raise PermissionDenied
    if not is_two_factor_verified(user):
        return redirect(two_factor_url(request))
    return None


class TriageGateMixin:
    """For class-based triage views: the gate runs before anything else."""

    def dispatch(self, request, *args, **kwargs):
        refused = gate(request)
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)


def triage_gate(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        refused = gate(request)
        if refused is not None:
            return refused
        return view(request, *args, **kwargs)

    return wrapped


class TriagePermissionPolicy(BasePermissionPolicy):
    """Wagtail permission policy for the queue (registered in wagtail_hooks.py).

    Only "view" exists: cases are made with reports and changed through the actions,
    never through add/edit/delete forms. Instances are scoped by ``reports_visible_to``.
    """

    def __init__(self, model, permission: str = ACCESS, report_path: str | None = "report__"):
        super().__init__(model)
        self.permission = permission
        self.report_path = report_path

    def user_has_permission(self, user, action):
        return action == "view" and bool(
            user.is_authenticated and user.is_active and user.has_perm(self.permission)
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if "view" not in actions:
            return get_user_model().objects.none()
        app_label, codename = self.permission.split(".")
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(
                    groups__permissions__content_type__app_label=app_label,
                    groups__permissions__codename=codename,
                )
                | Q(
                    user_permissions__content_type__app_label=app_label,
                    user_permissions__codename=codename,
                )
            )
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_permission_for(self, user, action):
        queryset = self.model._default_manager.all()
        if not self.user_has_permission(user, action):
            return queryset.none()
        if self.report_path is None:
            return queryset
        return reports_visible_to(user, queryset, self.report_path)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, "view" if "view" in actions else "")

    def users_with_permission_for_instance(self, action, instance):
        return self.users_with_permission(action)

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)
