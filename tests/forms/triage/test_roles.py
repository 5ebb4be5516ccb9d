"""The staff roles made by forms/triage/migrations/0002_roles.py."""

import pytest
from django.contrib.auth.models import Group, Permission

pytestmark = pytest.mark.django_db

TRIAGE_ROLES = ["Triage officer", "Case manager", "Administrator"]


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
    for group in Group.objects.exclude(name__in=TRIAGE_ROLES):
        assert not group.permissions.filter(pk__in=triage).exists(), group.name
