"""Every triage URL and action, tried by every kind of visitor: exactly who gets in.

Anonymous visitors, editors and moderators must not reach any of it; an officer of
another region sees the queue (without this region's reports) and nothing else;
the officer of the region, the case manager and the administrator get in, and
only the case manager and the administrator reassign or read the audit log.
"""

import pytest
from django.urls import reverse

from forms.models import Attachment
from forms.triage.models import AuditEntry
from tests.forms.triage.conftest import verified_login

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "moderator", "other_officer", "officer", "case_manager", "admin"]
WORKERS = {"officer", "case_manager", "admin"}
MANAGERS = {"case_manager", "admin"}
TRIAGE = WORKERS | {"other_officer"}


def client_for(client, world, role):
    if role != "anonymous":
        verified_login(client, getattr(world, role))
    return client


def refused(response) -> bool:
    """Not let in: sent to sign in, turned away (Wagtail redirects home), 403 or 404."""
    return response.status_code in (302, 403, 404)


PAGES = {
    # name: (url builder, who gets a 200)
    "queue": (lambda w: reverse("triage_queue:index"), TRIAGE),
    "queue results": (lambda w: reverse("triage_queue:index_results"), TRIAGE),
    "report page": (lambda w: reverse("triage_queue:detail", args=[w.held.pk]), WORKERS),
    "file download": (
        lambda w: reverse(
            "triage_queue:download",
            args=[w.held.pk, Attachment.objects.get(report=w.held).pk],
        ),
        WORKERS,
    ),
    "audit log": (lambda w: reverse("triage_audit:index"), MANAGERS),
    # Row-level export for national recording: case managers and administrators only.
    "export": (lambda w: reverse("triage_queue:export"), MANAGERS),
    "export download": (
        lambda w: reverse("triage_queue:export") + "?region=31.71&year=2026&format=csv",
        MANAGERS,
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_who_opens_each_triage_page(client, world, role, page):
    url_for, allowed = PAGES[page]
    response = client_for(client, world, role).get(url_for(world))
    if role in allowed:
        assert response.status_code == 200, (page, role)
    else:
        assert refused(response), (page, role, response.status_code)
        assert b"Held story" not in response.content


# action: (report attribute, POST data builder, audit action, who may)
ACTIONS = {
    "claim": ("fresh", lambda w: {}, "claim", WORKERS),
    "release": ("held", lambda w: {}, "release", WORKERS),
    "verify": ("held", lambda w: {}, "verify", WORKERS),
    "invalidate": ("held", lambda w: {"reason": "Spam"}, "invalidate", WORKERS),
    "status": ("referred", lambda w: {"status": "in_handling"}, "change_status", WORKERS),
    "priority": ("held", lambda w: {"priority": "4"}, "set_priority", WORKERS),
    "reassign": ("held", lambda w: {"assignee": w.case_manager.pk}, "reassign", MANAGERS),
    "note": ("held", lambda w: {"body": "Called back"}, "add_note", WORKERS),
    "message": ("held", lambda w: {"body": "We will call you"}, "message_reporter", WORKERS),
    "refer": (
        "verified",
        lambda w: {"targets": [f"{w.lawyers.pk}:legal"]},
        "refer",
        WORKERS,
    ),
    "referral": (
        "referred",
        lambda w: {"referral": w.referral.pk, "status": "accepted"},
        "update_referral",
        WORKERS,
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_who_takes_each_triage_action(client, world, role, action):
    report_name, data, audited, allowed = ACTIONS[action]
    report = getattr(world, report_name)
    url = reverse("triage_queue:action", args=[report.pk, action])
    before = AuditEntry.objects.filter(report_id=report.pk, action=audited).count()
    response = client_for(client, world, role).post(url, data(world))
    after = AuditEntry.objects.filter(report_id=report.pk, action=audited).count()
    if role in allowed:
        assert response.status_code == 302, (action, role)
        assert response["Location"] == reverse("triage_queue:detail", args=[report.pk])
        assert after == before + 1, (action, role)
    else:
        assert refused(response), (action, role, response.status_code)
        assert after == before, (action, role)


def test_the_other_regions_officer_sees_the_queue_without_this_regions_reports(client, world):
    response = verified_login(client, world.other_officer).get(reverse("triage_queue:index"))
    listed = response.context["object_list"]
    assert [case.report_id for case in listed] == [world.elsewhere.pk]


@pytest.mark.parametrize("role", sorted(TRIAGE))
def test_triage_staff_without_a_verified_second_factor_are_sent_to_it(client, world, role):
    client.force_login(getattr(world, role))  # password only: no OTP device bound
    for url in (
        reverse("triage_queue:index"),
        reverse("triage_queue:detail", args=[world.held.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "2fa" in response["Location"] or "login" in response["Location"]
    before = AuditEntry.objects.count()
    response = client.post(reverse("triage_queue:action", args=[world.fresh.pk, "claim"]))
    assert response.status_code == 302 and AuditEntry.objects.count() == before


def test_actions_refuse_get_requests(client, world):
    verified_login(client, world.officer)
    response = client.get(reverse("triage_queue:action", args=[world.fresh.pk, "claim"]))
    assert response.status_code == 405
