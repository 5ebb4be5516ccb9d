"""Who may see what, and do what: the one place triage and the referral inbox ask.

Every triage and inbox view, queryset and action goes through this module:

- ``reports_visible_to(user, queryset, report_path)`` scopes reports (or rows that
  point at a report) to what a triage member may see: an officer the reports of their
  regions and every region below them (Kemendagri codes are prefixes of their
  children's), a case manager or administrator every report;
- ``referrals_visible_to(user, queryset)`` scopes referrals to what a partner unit's
  member may see: those sent to one of their units, until declined or revoked;
- ``profiles_managed_by(user, queryset)`` scopes staff profiles to those an
  administrator (everyone) or a unit coordinator (their units' members) manages;
- ``can(user, action, target)`` answers for one action on one report, referral or
  staff profile, from the single table ``CAPABILITIES``; each staff action in
  forms/triage/actions/ is named after its row there;
- ``audit_entries_visible_to(user, queryset)`` scopes the audit log: everything for
  a reader who sees every region, else only the entries about their regions' reports;
- ``recordings_visible_to(user)`` scopes reports to those a staff member recorded
  from another channel and may still correct (``INTAKE_OPERATOR_CORRECTION_HOURS``);
- ``gate(request, section)`` guards every page: signed in, in a role of that
  section, and past the second factor (django-otp) in this session;
- ``users_holding(*permissions)`` is the one way to ask "who holds permission X"
  (superusers included, as ``user.has_perm`` has it).

The roles (groups made by migrations 0002 and 0009) and what they hold:

| role | permissions |
| --- | --- |
| Triage officer | ACCESS, WORK (own regions) |
| Case manager | + ALL_REGIONS, REASSIGN, AUDIT, EXPORT (the row-level export) |
| Administrator | + STAFF |
| Unit staff | REFERRALS (own units) |
| Unit coordinator | REFERRALS, COORDINATE (own units' members) |
| Intake operator | RECORD (reports they record; their own, for a short while) |

The triage roles hold RECORD too (complaints migration 0010).

The unit roles and the intake operator hold no triage permission: the queue, the
case pages and the audit log never open for them, whatever the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from forms import regions
from forms.intake.recording import correctable_until, correction_window
from forms.triage import unit_index
from portal.security.sessions import sign_in_url
from portal.security.two_factor import verification_url

ACCESS = "triage.access_triage"
WORK = "triage.work_reports"
ALL_REGIONS = "triage.view_all_regions"
REASSIGN = "triage.reassign_reports"
AUDIT = "triage.view_audit_log"
EXPORT = "triage.export_reports"
REFERRALS = "triage.work_referrals"
COORDINATE = "triage.coordinate_units"
STAFF = "triage.manage_staff"
RECORD = "complaints.record_reports"

# Whoever holds one of these may appear in the audit log as its actor.
ACTOR_PERMISSIONS = (ACCESS, REFERRALS, COORDINATE, STAFF, RECORD)
# Pages and the permission that opens each section.
SECTIONS = {
    "triage": (ACCESS,),
    "referrals": (REFERRALS,),
    "staff": (STAFF, COORDINATE),
    "intake": (RECORD,),
}


class UnknownAction(ValueError):
    """``can()`` was asked about an action it does not know: a programming error."""


def holds(user, permission: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(permission))


def has_triage_access(user) -> bool:
    return holds(user, ACCESS)


def is_two_factor_verified(user) -> bool:
    """True once this session passed an OTP device (django_otp's OTPMiddleware)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


# ---------------------------------------------------------------------------
# Regions (the triage side)
# ---------------------------------------------------------------------------


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


def audit_entries_visible_to(user, queryset=None):
    """The audit entries ``user`` may read: none without AUDIT; every entry for a
    reader who sees every region (case managers, administrators); otherwise only the
    entries about reports in their regions, never those about no report (staff
    administration, exports, refused pages: national oversight) nor a purged report's."""
    if queryset is None:
        queryset = apps.get_model("triage", "AuditEntry").objects.all()
    if not holds(user, AUDIT):
        return queryset.none()
    if sees_all_regions(user):
        return queryset
    return queryset.filter(report_id__in=reports_visible_to(user).values("pk"))


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


def region_and_ancestors(region_code: str) -> list[str]:
    """``31.71.01.1001`` -> ``31``, ``31.71``, ``31.71.01``, ``31.71.01.1001``."""
    parts = region_code.split(".")
    return [".".join(parts[:depth]) for depth in range(1, len(parts) + 1)]


def scope_codes_covering(region_code: str, district_index: str = "") -> list[str]:
    """The region codes a staff profile may hold to cover a report of ``region_code``
    (its clear regency or province) and ``district_index`` (its sealed district's
    blind index): the region and its ancestors, and the district or village codes
    held by any staff whose district has that index (as ``region_condition``). The
    staff's district codes are few, so their indexes are taken here, not in SQL."""
    codes = region_and_ancestors(region_code)
    if district_index:
        StaffProfile = apps.get_model("triage", "StaffProfile")
        held = StaffProfile.regions.through.objects.filter(region__level__gte=regions.DISTRICT)
        codes += [
            code
            for code in set(held.values_list("region_id", flat=True))
            if regions.district_index(regions.district_of(code)) == district_index
        ]
    return codes


def staff_who_may_work_on(report):
    """The triage members who may work on ``report`` (a reassignment's choices): one
    query over the staff, whatever their number."""
    codes = scope_codes_covering(report.region_id, report.district_index)
    return (
        users_holding(WORK)
        .filter(
            Q(pk__in=users_holding(ALL_REGIONS).values("pk"))
            | Q(staff_profile__regions__code__in=codes)
        )
        .distinct()
        .order_by("username")
    )


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


def is_unscoped(user, section: str) -> bool:
    """A member of ``section`` to whom nothing can be shown yet: an officer with no
    region, a unit member with no unit (the page says so instead of an empty list)."""
    if section == "triage":
        return has_triage_access(user) and not sees_all_regions(user) and not region_codes_of(user)
    if section == "referrals":
        return holds(user, REFERRALS) and not unit_tokens_of(user)
    return False


# ---------------------------------------------------------------------------
# Units (the partner side)
# ---------------------------------------------------------------------------


def units_of(user) -> list:
    """The service unit pages ``user`` is a member of."""
    cached = getattr(user, "_triage_units", None)
    if cached is None:
        ServiceUnitPage = apps.get_model("content", "ServiceUnitPage")
        cached = list(
            ServiceUnitPage.objects.filter(members__user=user)
            .only("pk", "title", "translation_key", "locale_id")
            .order_by("title")
        )
        user._triage_units = cached
    return cached


def unit_tokens_of(user) -> list[str]:
    return sorted({unit_index.of(unit) for unit in units_of(user)})


def referrals_visible_to(user, queryset=None):
    """Referrals sent to one of ``user``'s units, not declined or revoked."""
    Referral = apps.get_model("triage", "Referral")
    if queryset is None:
        queryset = Referral.objects.all()
    tokens = unit_tokens_of(user) if holds(user, REFERRALS) else []
    if not tokens:
        return queryset.none()
    return queryset.filter(unit_index__in=tokens, status__in=Referral.VISIBLE_TO_UNIT)


def is_member_for(user, referral) -> bool:
    Referral = apps.get_model("triage", "Referral")
    return (
        holds(user, REFERRALS)
        and referral.status in Referral.VISIBLE_TO_UNIT
        and referral.unit_index in unit_tokens_of(user)
    )


# ---------------------------------------------------------------------------
# Staff profiles (administration)
# ---------------------------------------------------------------------------


def profiles_managed_by(user, queryset=None):
    """Every profile for an administrator; for a unit coordinator, the profiles of
    their units' members who hold no triage role (a coordinator never manages an
    officer, a case manager or a superuser)."""
    StaffProfile = apps.get_model("triage", "StaffProfile")
    if queryset is None:
        queryset = StaffProfile.objects.all()
    if holds(user, STAFF):
        return queryset
    if not holds(user, COORDINATE) or not units_of(user):
        return queryset.none()
    unit_keys = [unit.translation_key for unit in units_of(user)]
    return (
        queryset.filter(units__translation_key__in=unit_keys)
        .exclude(user__in=users_holding(ACCESS))
        .exclude(user__is_superuser=True)
        .distinct()
    )


def manages(user, profile) -> bool:
    return profiles_managed_by(user).filter(pk=profile.pk).exists()


# ---------------------------------------------------------------------------
# The one table of capabilities
# ---------------------------------------------------------------------------


def assignee_id_of(report):
    Case = apps.get_model("triage", "Case")
    try:
        return report.case.assignee_id
    except Case.DoesNotExist:
        return None


def _sees_report(user, report) -> bool:
    return has_triage_access(user) and report_in_regions(user, report)


def refused(user, what: str, report=None) -> None:
    """Write down a refused attempt (who, what they asked for): in the audit log."""
    AuditEntry = apps.get_model("triage", "AuditEntry")
    AuditEntry.record(user, AuditEntry.Action.REFUSED, report, what[:200])


def _works_on(user, report) -> bool:
    return _sees_report(user, report) and user.has_perm(WORK)


def _holds_case(user, report) -> bool:
    """The officer holding the report, or a case manager (who may act on any)."""
    return _works_on(user, report) and (
        user.has_perm(REASSIGN) or assignee_id_of(report) == user.pk
    )


def _unassigned(user, report) -> bool:
    return _works_on(user, report) and assignee_id_of(report) is None


def _is_holder(user, report) -> bool:
    return _sees_report(user, report) and assignee_id_of(report) == user.pk


def _reassigns(user, report) -> bool:
    return _works_on(user, report) and user.has_perm(REASSIGN)


def _holds_referrals_case(user, referral) -> bool:
    return _holds_case(user, referral.report)


def _manages_profile(user, profile) -> bool:
    return manages(user, profile)


# ---------------------------------------------------------------------------
# Recordings (a report taken by staff from another channel)
# ---------------------------------------------------------------------------


def recordings_visible_to(user, queryset=None):
    """The reports ``user`` recorded from another channel, while they may correct them."""
    if queryset is None:
        queryset = apps.get_model("complaints", "Report").objects.all()
    if not holds(user, RECORD):
        return queryset.none()
    since = timezone.now() - correction_window()
    return queryset.filter(recorded_by=user, created_at__gt=since)


def _corrects_recording(user, report) -> bool:
    return (
        holds(user, RECORD)
        and report.pk is not None
        and report.recorded_by_id == user.pk
        and timezone.now() < correctable_until(report)
    )


HOLDER_ACTIONS = (
    "release",
    "verify",
    "invalidate",
    "change_status",
    "set_priority",
    "message_reporter",
    "refer",
    "close",
    "reopen",
    "add_need",
    "update_need",
    "assess_risk",
    "update_safety_plan",
    "add_follow_up",
    "complete_follow_up",
    "record_facts",
)
UNIT_ACTIONS = ("view_packet", "download_shared_file", "accept", "decline")
UNIT_ACTIONS += ("record_service", "ask", "complete")

# action: (what it is taken on, who may). "report", "referral", "profile" or
# "recording" (a report, on the intake screens); None for a whole section. Whether
# the action fits the target's state *now* (a referral already answered, a report not
# yet verified) is the workflow's to say.
CAPABILITIES: dict[str, tuple[str | None, Callable]] = {
    "view_queue": (None, has_triage_access),
    "view_audit": (None, lambda user: holds(user, AUDIT)),
    # Row-level exports for national recording (forms/triage/export.py).
    "export": (None, lambda user: holds(user, EXPORT)),
    "view_inbox": (None, lambda user: holds(user, REFERRALS)),
    "view_staff": (None, lambda user: holds(user, STAFF) or holds(user, COORDINATE)),
    "view": ("report", _sees_report),
    "download": ("report", _sees_report),
    "reveal_contact": ("report", _sees_report),
    "see_contact": ("report", _is_holder),
    "work": ("report", _works_on),
    "add_note": ("report", _works_on),
    "claim": ("report", _unassigned),
    "reassign": ("report", _reassigns),
    **dict.fromkeys(HOLDER_ACTIONS, ("report", _holds_case)),
    "revoke": ("referral", _holds_referrals_case),
    "answer_unit": ("referral", _holds_referrals_case),
    "print_letter": ("referral", _holds_referrals_case),
    **dict.fromkeys(UNIT_ACTIONS, ("referral", is_member_for)),
    "add_staff": ("profile", lambda user, profile: holds(user, STAFF)),
    "update_staff": ("profile", _manages_profile),
    "reset_second_factor": ("profile", _manages_profile),
    "record_report": (None, lambda user: holds(user, RECORD)),
    # A report still open to correction by its recorder, on the intake screens only.
    "correct_recording": ("recording", _corrects_recording),
}
ACTIONS = frozenset(CAPABILITIES)


def target_kind(action: str) -> str | None:
    if action not in CAPABILITIES:
        raise UnknownAction(action)
    return CAPABILITIES[action][0]


def can(user, action: str, target=None) -> bool:
    """May ``user`` take ``action`` on ``target``? (The 2FA gate is the views'.)"""
    kind, rule = CAPABILITIES.get(action, (False, None))
    if rule is None:
        raise UnknownAction(action)
    if not (user and user.is_authenticated and user.is_active):
        return False
    if kind is None:
        return bool(rule(user))
    return target is not None and bool(rule(user, target))


# ---------------------------------------------------------------------------
# Who holds a permission; Wagtail's permission policies for the admin's views
# ---------------------------------------------------------------------------


class TriagePermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Wagtail's policy for a triage model (registered in wagtail_hooks.py): "view"
    for whoever holds ``permission``, on the instances ``scope`` leaves them.

    Nothing is added, changed or deleted through Wagtail's generic forms: cases and
    referrals change only through forms/triage/actions/, the audit log never.
    """

    def __init__(self, model, permission: str = ACCESS, scope: Callable | None = None):
        super().__init__(model, auth_model="triage.TriageAccess")
        self.permission = permission
        self.scope = scope

    def _get_users_with_any_permission_codenames_filter(self, permission_codenames):
        # By app label and codename, not by a ContentType row: a lazy queryset (a
        # filter's choices) may be built at import, before any query may run.
        return (
            Q(is_superuser=True)
            | Q(
                user_permissions__content_type__app_label=self.app_label,
                user_permissions__codename__in=permission_codenames,
            )
            | Q(
                groups__permissions__content_type__app_label=self.app_label,
                groups__permissions__codename__in=permission_codenames,
            )
        ) & Q(is_active=True)

    def users_holding(self, *permissions: str):
        codenames = {permission.partition(".")[2] for permission in permissions}
        return self._get_users_with_any_permission_codenames(codenames)

    def actions_allowed(self, user) -> set[str]:
        return {"view"} if holds(user, self.permission) else set()

    def user_has_permission(self, user, action):
        return action in self.actions_allowed(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return self.users_holding(self.permission)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.actions_allowed(user) & set(actions):
            return queryset.none()
        return self.scope(user, queryset) if self.scope else queryset

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )


class StaffProfilePermissionPolicy(TriagePermissionPolicy):
    """Administrators add and change every profile; a coordinator changes those of
    their units' members (``profiles_managed_by``). Nobody deletes one here: a staff
    member leaves by having their account deactivated."""

    def __init__(self, model):
        super().__init__(model, STAFF, profiles_managed_by)

    def actions_allowed(self, user) -> set[str]:
        if holds(user, STAFF):
            return {"view", "add", "change"}
        if holds(user, COORDINATE):
            return {"view", "change"}
        return set()

    def users_with_any_permission(self, actions):
        if "add" in actions:
            return self.users_holding(STAFF)
        if {"view", "change"} & set(actions):
            return self.users_holding(STAFF, COORDINATE)
        return get_user_model().objects.none()


_policy = TriagePermissionPolicy("triage.TriageAccess")


def users_holding(*permissions: str):
    """Active users who hold any of ``permissions`` through a group, directly, or as
    superusers: the same answer as ``user.has_perm``, as a queryset."""
    return _policy.users_holding(*permissions)


# ---------------------------------------------------------------------------
# The gate of every page
# ---------------------------------------------------------------------------


def gate(request, section: str = "triage"):
    """None when the request may open a page of ``section``, else the refusal."""
    user = request.user
    if not user.is_authenticated:
        return redirect(sign_in_url(request))
    if not any(holds(user, permission) for permission in SECTIONS[section]):
        refused(user, request.path)
        raise PermissionDenied
    if not is_two_factor_verified(user):
        return redirect(verification_url(request))
    return None


class GateMixin:
    """For class-based views: the gate of ``section`` runs before anything else."""

    section = "triage"

    def dispatch(self, request, *args, **kwargs):
        refusal = gate(request, self.section)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)


def gated(section: str):
    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refusal = gate(request, section)
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
