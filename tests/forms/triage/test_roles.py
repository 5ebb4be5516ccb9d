"""The staff roles made by forms/triage/migrations/0002_roles.py and 0015_unit_roles.py."""

import pytest
from django.contrib.auth.models import Group, Permission

pytestmark = pytest.mark.django_db

TRIAGE_ROLES = ["Triage officer", "Case manager", "Administrator"]
UNIT_ROLES = ["Unit staff", "Unit coordinator"]
QUEUE_PERMISSIONS = {
    "triage.access_triage",
    "triage.work_reports",
    "triage.view_all_regions",
    "triage.reassign_reports",
    "triage.view_audit_log",
}


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_every_triage_role_exists_and_may_open_the_admin_and_the_queue():
    for name in TRIAGE_ROLES:
        granted = codenames(name)
        assert "wagtailadmin.access_admin" in granted, name
        assert "triage.access_triage" in granted, name
        assert "triage.work_reports" in granted, name


def test_officers_are_limited_to_their_regions_and_cannot_reassign_or_read_the_audit_log():
    granted = codenames("Triage officer")
    assert "triage.view_all_regions" not in granted
    assert "triage.reassign_reports" not in granted
    assert "triage.view_audit_log" not in granted


def test_case_managers_work_agency_wide_reassign_and_read_the_audit_log():
    granted = codenames("Case manager")
    assert {
        "triage.view_all_regions",
        "triage.reassign_reports",
        "triage.view_audit_log",
    } <= granted


def test_no_content_role_holds_any_triage_permission():
    # Editor and Moderator are made by the content side's migrations; whatever they
    # get there, nothing from triage may be among it.
    for name in ("Editor", "Moderator"):
        Group.objects.get_or_create(name=name)
    triage = Permission.objects.filter(content_type__app_label="triage")
    for group in Group.objects.exclude(name__in=TRIAGE_ROLES + UNIT_ROLES):
        assert not group.permissions.filter(pk__in=triage).exists(), group.name


def test_unit_roles_open_the_admin_and_the_inbox_and_nothing_of_the_queue():
    for name in UNIT_ROLES:
        granted = codenames(name)
        assert {"wagtailadmin.access_admin", "triage.work_referrals"} <= granted, name
        assert not granted & QUEUE_PERMISSIONS, name
        assert "triage.manage_staff" not in granted, name
    assert "triage.coordinate_units" in codenames("Unit coordinator")
    assert "triage.coordinate_units" not in codenames("Unit staff")


def test_only_administrators_set_everyones_regions_and_units_and_they_see_no_inbox():
    assert "triage.manage_staff" in codenames("Administrator")
    assert "triage.work_referrals" not in codenames("Administrator")
    for name in ("Triage officer", "Case manager", *UNIT_ROLES):
        assert "triage.manage_staff" not in codenames(name), name


def test_unit_roles_need_a_second_factor(settings):
    assert set(UNIT_ROLES) <= set(settings.STAFF_GROUPS_REQUIRING_2FA)
