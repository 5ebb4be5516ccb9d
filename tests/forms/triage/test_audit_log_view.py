"""The audit log page (case managers): who gets in, its filters, its pages."""

import re
from datetime import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forms.triage.models import AuditEntry
from tests.forms.triage.conftest import make_staff, verified_login

pytestmark = pytest.mark.django_db

LOG = reverse("triage_audit:index")


def logged_on(day: datetime, actor, action, report_id, detail):
    """An entry written on ``day`` (as older entries are): a plain INSERT, which the
    append-only log allows; only UPDATE and DELETE are refused."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO triage_auditentry (created_at, actor_id, action, report_id, detail)"
            " VALUES (%s, %s, %s, %s, %s)",
            [
                connection.ops.adapt_datetimefield_value(day),
                actor.pk,
                action,
                report_id,
                detail,
            ],
        )


def local(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def trail(world):
    """Five entries that differ in report, staff member, action and day."""
    for day, actor, action, report, marker in [
        (local(2026, 3, 1), world.officer, "view_report", world.held.pk, "entry-a"),
        (local(2026, 3, 2), world.officer, "claim", world.fresh.pk, "entry-b"),
        (local(2026, 3, 2, 23), world.case_manager, "reassign", world.held.pk, "entry-c"),
        (local(2026, 3, 5), world.admin, "refer_no_consent", world.verified.pk, "entry-d"),
        (local(2026, 3, 9), world.officer, "download_file", world.held.pk, "entry-e"),
    ]:
        logged_on(day, actor, action, report, marker)


@pytest.fixture
def manager(client, world):
    return verified_login(client, world.case_manager)


def shown(client, **params) -> list[str]:
    """The markers of the entries the page lists, top to bottom."""
    response = client.get(LOG, params)
    assert response.status_code == 200
    return re.findall(r"entry-[a-z]", response.content.decode())


@pytest.mark.parametrize("role", ["anonymous", "editor", "moderator", "officer", "other_officer"])
def test_only_case_managers_and_administrators_open_the_audit_log(client, world, trail, role):
    if role != "anonymous":
        verified_login(client, getattr(world, role))
    response = client.get(LOG)
    assert response.status_code in (302, 403)
    assert b"entry-a" not in response.content


@pytest.mark.parametrize("role", ["case_manager", "admin"])
def test_case_managers_and_administrators_read_the_whole_log_newest_first(
    client, world, trail, role
):
    verified_login(client, getattr(world, role))
    assert shown(client) == ["entry-e", "entry-d", "entry-c", "entry-b", "entry-a"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"report": "HELD"}, ["entry-e", "entry-c", "entry-a"]),
        ({"actor": "OFFICER"}, ["entry-e", "entry-b", "entry-a"]),
        ({"actor": ["CASE_MANAGER", "ADMIN"]}, ["entry-d", "entry-c"]),
        ({"action": "refer_no_consent"}, ["entry-d"]),
        ({"action": ["claim", "reassign"]}, ["entry-c", "entry-b"]),
        # Whole days, the last one included up to midnight.
        ({"created_at_from": "2026-03-02", "created_at_to": "2026-03-05"},
         ["entry-d", "entry-c", "entry-b"]),
        ({"created_at_from": "2026-03-06"}, ["entry-e"]),
        ({"created_at_to": "2026-03-01"}, ["entry-a"]),
        # Combined: the officer's reads of one report in one week.
        ({"report": "HELD", "actor": "OFFICER", "created_at_to": "2026-03-07"},
         ["entry-a"]),
    ],
    ids=["report", "staff", "two-staff", "action", "two-actions", "range", "from", "until",
         "combined"],
)  # fmt: skip
def test_each_filter_narrows_the_log(manager, world, trail, params, expected):
    names = {"HELD": world.held.pk, "OFFICER": world.officer.pk}
    names |= {"CASE_MANAGER": world.case_manager.pk, "ADMIN": world.admin.pk}

    def resolve(value):
        return [resolve(v) for v in value] if isinstance(value, list) else names.get(value, value)

    assert shown(manager, **{key: resolve(value) for key, value in params.items()}) == expected


@pytest.fixture
def supervisor(world):
    """A reader of the log scoped to a region: the audit permission an administrator
    may give a regional group, without every region (Surabaya's)."""
    group = Group.objects.create(name="Regional supervisor")
    codenames = ["access_triage", "work_reports", "view_audit_log"]
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="triage", codename__in=codenames),
    )
    return make_staff("supervisor", ["Regional supervisor"], [world.regions["35.78"]])


def test_a_reader_scoped_to_a_region_reads_only_its_reports_entries(
    client, world, trail, supervisor
):
    logged_on(local(2026, 3, 10), world.other_officer, "claim", world.elsewhere.pk, "entry-s")
    logged_on(local(2026, 3, 11), world.admin, "update_staff", None, "entry-t")
    logged_on(local(2026, 3, 12), world.case_manager, "export", None, "entry-u")
    verified_login(client, supervisor)
    # Not Jakarta's reports, not the national entries about no report.
    assert shown(client) == ["entry-s"]
    assert shown(client, report=world.held.pk) == []
    export = client.get(reverse("triage_audit:export_csv")).content.decode("utf-8-sig")
    assert re.findall(r"entry-[a-z]", export) == ["entry-s"]
    client.logout()
    verified_login(client, world.case_manager)
    assert shown(client)[:3] == ["entry-u", "entry-t", "entry-s"]


def test_a_staff_members_profile_change_names_them(manager, world):
    detail = f"user {world.officer.pk}; on_duty, regions"
    logged_on(local(2026, 3, 1), world.admin, "update_staff", None, detail)
    world.officer.first_name, world.officer.last_name = "Siti", "Rahma"
    world.officer.save()
    page = manager.get(LOG, {"action": "update_staff"}).content.decode()
    assert "Siti Rahma; on_duty, regions" in page
    assert f"user {world.officer.pk}" not in page


def test_a_report_number_in_the_log_links_to_the_report(manager, world, trail):
    page = manager.get(LOG, {"action": "claim"}).content.decode()
    assert f'href="{reverse("triage_queue:detail", args=[world.fresh.pk])}"' in page


def test_the_log_is_paginated_with_the_same_queries_on_every_page(manager, world, trail):
    for number in range(100):
        logged_on(local(2026, 2, 1), world.officer, "view_report", world.held.pk, f"bulk-{number}")
    manager.get(LOG)  # the first admin request of a session records its activity time
    with CaptureQueriesContext(connection) as first:
        page_one = manager.get(LOG).content.decode()
    with CaptureQueriesContext(connection) as second:
        page_two = manager.get(LOG, {"p": 2}).content.decode()
    newer = AuditEntry.objects.count() - 100  # the trail and the world's own actions
    assert 0 < newer < 100
    # 100 a page, newest first: the bulk of February fills what page 1 leaves.
    assert page_one.count("bulk-") == 100 - newer
    assert page_two.count("bulk-") == newer
    assert len(second) == len(first)


def test_the_log_offers_no_way_to_change_or_delete_an_entry(manager, trail):
    entry = AuditEntry.objects.get(detail="entry-a")
    for suffix in (f"{entry.pk}/", f"{entry.pk}/edit/", f"{entry.pk}/delete/", "add/"):
        response = manager.get(f"{LOG}{suffix}", follow=True)  # via the locale redirect
        assert response.status_code == 404, (suffix, response.get("Location"))
        response = manager.post(f"{LOG}{suffix}", {"detail": "x"}, follow=True)
        assert response.status_code == 404, suffix
    assert AuditEntry.objects.get(pk=entry.pk).detail == "entry-a"
