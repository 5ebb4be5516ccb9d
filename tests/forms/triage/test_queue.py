"""The queue: what it lists, in which order, with which filters, and what it never shows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from forms.models import CaptchaState, Report, ViolenceKind
from forms.triage.models import AuditEntry, Case
from tests.forms.conftest import make_report
from tests.forms.triage.conftest import verified_login

pytestmark = pytest.mark.django_db

QUEUE = reverse("triage_queue:index")


def listed(client, **params):
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return [case.report_id for case in response.context["object_list"]]


def label_in_indonesian(choice) -> str:
    with translation.override("id"):
        return str(choice.label)


def age(report, **delta):
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(**delta))


@pytest.fixture
def manager(client, world):
    return verified_login(client, world.case_manager)


def test_immediate_danger_and_overdue_come_first_then_the_oldest(manager, world):
    village = world.regions["31.71.01.1001"]
    old = make_report(village)
    overdue = make_report(village)
    age(old, days=3)
    Case.objects.filter(report=old).update(due_at=timezone.now() + timedelta(hours=5))
    Case.objects.filter(report=overdue).update(due_at=timezone.now() - timedelta(minutes=1))
    order = listed(manager)
    assert order[0] == world.fresh.pk  # immediate danger
    assert order.index(overdue.pk) < order.index(old.pk)
    # Among the rest, the oldest first.
    assert order.index(old.pk) < order.index(world.held.pk)


def test_closed_reports_sink_below_every_open_one(manager, world):
    Report.objects.filter(pk=world.fresh.pk).update(status="closed")
    assert listed(manager)[-1] == world.fresh.pk


def test_the_list_never_shows_decrypted_text(manager, world):
    response = manager.get(QUEUE)
    page = response.content.decode()
    for secret in ("Fresh story", "Held story", "0812-0000-1111", "Verified story"):
        assert secret not in page
    # Nor is reading the list an audited read of content.
    assert not AuditEntry.objects.filter(action="view_report").exists()


def test_the_list_shows_the_triage_columns(manager, world):
    Report.objects.filter(pk=world.fresh.pk).update(captcha_state=CaptchaState.UNVERIFIED)
    Case.objects.filter(report=world.fresh).update(due_at=timezone.now() - timedelta(hours=1))
    page = manager.get(QUEUE).content.decode()
    for text in (
        f"#{world.fresh.pk}",
        label_in_indonesian(ViolenceKind.SEXUAL),
        "Gambir",
        "officer",
        "triage-flag--critical",
        "triage-flag--warning",
        "triage-overdue",
    ):
        assert text in page, text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"immediate_danger": "true"}, {"fresh"}),
        ({"violence": "sexual"}, {"fresh"}),
        ({"status": "referred"}, {"referred"}),
        ({"status": ["new", "verified"]}, {"fresh", "elsewhere", "verified"}),
        ({"region": "35.78"}, {"elsewhere"}),
        ({"region": "31.71"}, {"fresh", "held", "verified", "referred"}),
        ({"unassigned": "true"}, {"fresh", "elsewhere"}),
        ({"captcha_unverified": "true"}, set()),
        ({"due": "none"}, set()),
        ({"received": "older"}, set()),
        ({"received": "1d"}, {"fresh", "held", "verified", "referred", "elsewhere"}),
    ],
)
def test_each_filter_narrows_the_queue(manager, world, params, expected):
    names = {"fresh", "held", "verified", "referred", "elsewhere"}
    ids = {getattr(world, name).pk: name for name in names}
    assert {ids[pk] for pk in listed(manager, **params)} == expected


def test_the_assignee_and_due_filters(manager, world):
    assert set(listed(manager, assignee=world.officer.pk)) == {
        world.held.pk,
        world.verified.pk,
        world.referred.pk,
    }
    Case.objects.filter(report=world.held).update(due_at=timezone.now() - timedelta(hours=2))
    assert listed(manager, due="overdue") == [world.held.pk]


def test_an_officer_sees_reports_of_sub_regions_but_not_other_provinces(client, world):
    verified_login(client, world.officer)
    assert world.elsewhere.pk not in listed(client)
    assert world.held.pk in listed(client)


def test_queries_per_page_do_not_grow_with_the_page_size(manager, world):
    village = world.regions["31.71.01.1001"]
    with CaptureQueriesContext(connection) as few:
        manager.get(QUEUE)
    for _ in range(15):
        make_report(village, kinds=("physical", "psychological"))
    with CaptureQueriesContext(connection) as many:
        manager.get(QUEUE)
    assert len(many) == len(few)
