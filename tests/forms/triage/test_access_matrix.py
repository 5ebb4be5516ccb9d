"""Every triage, inbox and staff URL and action, tried by every kind of visitor:
exactly who gets in.

Anonymous visitors, editors and moderators reach none of it. An officer of another
region sees the queue (without this region's reports) and nothing else; the officer
of the region, the case manager and the administrator get in, and only the case
manager and the administrator reassign or read the audit log. The partner units'
people (staff and a coordinator of unit X, the clinic, and of unit Y, the legal aid
office) never reach the queue, a case page or the audit log; each sees only its own
unit's referrals, a revoked referral answers 404, and a coordinator manages only
their own unit's members. Wagtail's own screens (pages, snippets, users) stay closed
to them. The intake operators (A recorded one report, B another, and a third whose
correction window has passed) record reports and open, each, only their own
recordings while the window lasts: nothing of triage, the inbox, the audit log or
Wagtail's screens. The same tests run on SQLite and PostgreSQL (tests/lanes.py).
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from forms import receipts
from forms.intake.recording import RecordingForm, correction_window
from forms.models import Attachment, Report
from forms.triage import actions
from forms.triage.models import AuditEntry, Referral, ServiceRecord
from tests.forms.triage.conftest import build_world, make_staff, verified_login
from tests.utils import recording_answers

pytestmark = pytest.mark.django_db


def record_as(user, narrative):
    """A report recorded by ``user`` through the real action, as the intake screen does."""
    form = RecordingForm(recording_answers(narrative=narrative), {})
    assert form.is_valid() and form.clean_files(), form.errors
    report, _code = actions.record_report(user, None, form, "id")
    return report


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, triage_storage):
    """The triage world, and three intake operators with one recording each."""
    with django_db_blocker.unblock(), transaction.atomic():
        w = build_world()
        for name in OPERATORS:
            setattr(w, name, make_staff(name, ["Intake operator"]))
        w.recorded_a = record_as(w.operator_a, "Recorded story A, a phone call to SAPA 129.")
        w.recorded_b = record_as(w.operator_b, "Recorded story B, a walk-in at the UPTD desk.")
        w.recorded_late = record_as(w.operator_late, "Recorded late story, a PPT post visit.")
        past = timezone.now() - correction_window() - timedelta(hours=1)
        Report.objects.filter(pk=w.recorded_late.pk).update(created_at=past)
        yield w
        transaction.set_rollback(True)


X_UNIT = {"clinic_staff", "clinic_coordinator"}
Y_UNIT = {"lawyers_staff", "lawyers_coordinator"}
UNITS = X_UNIT | Y_UNIT
COORDINATORS = {"clinic_coordinator", "lawyers_coordinator"}
WORKERS = {"officer", "case_manager", "admin"}
MANAGERS = {"case_manager", "admin"}
TRIAGE = WORKERS | {"other_officer"}
CONTENT = {"editor", "moderator", "admin"}
OPERATORS = ("operator_a", "operator_b", "operator_late")
# The triage roles record reports too (for a caller on the phone to the office).
RECORDERS = TRIAGE | set(OPERATORS)
ROLES = ["anonymous", "editor", "moderator", *sorted(TRIAGE), *sorted(UNITS), *OPERATORS]
RECORDINGS = {"recorded_a": "operator_a", "recorded_b": "operator_b", "recorded_late": None}


def client_for(client, world, role):
    if role != "anonymous":
        verified_login(client, getattr(world, role))
    return client


def refused(response) -> bool:
    """Not let in: sent to sign in, turned away (Wagtail redirects home), 403 or 404
    (or 410: a receipt handed to someone else is gone)."""
    return response.status_code in (302, 403, 404, 410)


def held_file(w):
    return Attachment.objects.get(report=w.held).pk


def shared_file(w):
    return w.referral.attachments.get().pk


def profile_of(user):
    return user.staff_profile.pk


RECEIPT = "4929 1803 5562 7710"


def receipt_of_a(w):
    """The page operator A is sent to after recording (a fresh hand-over each time)."""
    state = {
        "receipt": RECEIPT.replace(" ", ""),
        "report": w.recorded_a.pk,
        "user": w.operator_a.pk,
    }
    return reverse("intake_receipt", args=[receipts.hand_over(state)])


PAGES = {
    # name: (url builder, who gets a 200)
    "queue": (lambda w: reverse("triage_queue:index"), TRIAGE),
    "queue results": (lambda w: reverse("triage_queue:index_results"), TRIAGE),
    "report page": (lambda w: reverse("triage_queue:detail", args=[w.held.pk]), WORKERS),
    "referred report page": (
        lambda w: reverse("triage_queue:detail", args=[w.referred.pk]),
        WORKERS,
    ),
    "file download": (
        lambda w: reverse("triage_queue:download", args=[w.held.pk, held_file(w)]),
        WORKERS,
    ),
    "referral letter": (
        lambda w: reverse("triage_queue:letter", args=[w.referred.pk, w.referral.pk]),
        WORKERS,
    ),
    "audit log": (lambda w: reverse("triage_audit:index"), MANAGERS),
    "audit log results": (lambda w: reverse("triage_audit:index_results"), MANAGERS),
    "inbox": (lambda w: reverse("triage_inbox:index"), UNITS),
    "inbox results": (lambda w: reverse("triage_inbox:index_results"), UNITS),
    "unit X's packet": (lambda w: reverse("triage_inbox:packet", args=[w.referral.pk]), X_UNIT),
    "unit X's accepted packet": (
        lambda w: reverse("triage_inbox:packet", args=[w.accepted_referral.pk]),
        X_UNIT,
    ),
    "unit X's shared file": (
        lambda w: reverse("triage_inbox:download", args=[w.referral.pk, shared_file(w)]),
        X_UNIT,
    ),
    "unit X's packet, another report's file": (
        lambda w: reverse("triage_inbox:download", args=[w.referral.pk, held_file(w)]),
        set(),
    ),
    "unit Y's revoked packet": (
        lambda w: reverse("triage_inbox:packet", args=[w.revoked_referral.pk]),
        set(),
    ),
    "staff list": (lambda w: reverse("triage_staff:index"), {"admin"} | COORDINATORS),
    "staff: add": (lambda w: reverse("triage_staff:add"), {"admin"}),
    "staff: unit X's member": (
        lambda w: reverse("triage_staff:edit", args=[profile_of(w.clinic_staff)]),
        {"admin", "clinic_coordinator"},
    ),
    "staff: unit Y's member": (
        lambda w: reverse("triage_staff:edit", args=[profile_of(w.lawyers_staff)]),
        {"admin", "lawyers_coordinator"},
    ),
    "staff: an officer": (
        lambda w: reverse("triage_staff:edit", args=[profile_of(w.officer)]),
        {"admin"},
    ),
    # Wagtail's own screens: content staff's, never the units'.
    "pages: explorer": (lambda w: reverse("wagtailadmin_explore_root"), CONTENT),
    "pages: edit unit X's page": (
        lambda w: reverse("wagtailadmin_pages:edit", args=[w.clinic.pk]),
        CONTENT,
    ),
    "snippets": (lambda w: reverse("wagtailsnippets:index"), CONTENT),
    "users": (lambda w: reverse("wagtailusers_users:index"), {"admin"}),
    "groups": (lambda w: reverse("wagtailusers_groups:index"), set()),
    # Row-level export for national recording: case managers and administrators only.
    "export": (lambda w: reverse("triage_queue:export"), MANAGERS),
    "export download": (
        lambda w: reverse("triage_queue:export") + "?region=31.71&year=2026&format=csv",
        MANAGERS,
    ),
    "audit log export": (lambda w: reverse("triage_audit:export_csv"), MANAGERS),
    # Recording from another channel: every recorder; a recording, its recorder only.
    "record a report": (lambda w: reverse("intake_record"), RECORDERS),
    "my recordings": (lambda w: reverse("intake_recordings"), RECORDERS),
    "receipt of A's recording": (receipt_of_a, {"operator_a"}),
    "correct A's recording": (
        lambda w: reverse("intake_correct", args=[w.recorded_a.pk]),
        {"operator_a"},
    ),
    "correct B's recording": (
        lambda w: reverse("intake_correct", args=[w.recorded_b.pk]),
        {"operator_b"},
    ),
    "correct a recording past its window": (
        lambda w: reverse("intake_correct", args=[w.recorded_late.pk]),
        set(),
    ),
    "A's recording's case page": (
        lambda w: reverse("triage_queue:detail", args=[w.recorded_a.pk]),
        WORKERS,
    ),
}
SECRETS = (
    b"Held story",
    b"Referred story",
    b"In care story",
    b"Visum needed today",
    b"Recorded story A",
    b"Recorded story B",
    b"Recorded late story",
    RECEIPT.encode(),
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_who_opens_each_page(client, world, role, page):
    url_for, allowed = PAGES[page]
    response = client_for(client, world, role).get(url_for(world))
    if role in allowed:
        assert response.status_code == 200, (page, role)
    else:
        assert refused(response), (page, role, response.status_code)
        for secret in SECRETS:
            assert secret not in response.content, (page, role, secret)


# action: (report attribute, POST data builder, audit action, who may)
REPORT_ACTIONS = {
    "claim": ("fresh", lambda w: {}, "claim", WORKERS),
    "release": ("held", lambda w: {}, "release", WORKERS),
    "verify": ("held", lambda w: {}, "verify", WORKERS),
    "invalidate": ("held", lambda w: {"reason": "Spam"}, "invalidate", WORKERS),
    "change_status": ("referred", lambda w: {"status": "in_handling"}, "change_status", WORKERS),
    "set_priority": ("held", lambda w: {"priority": "4"}, "set_priority", WORKERS),
    "reassign": ("held", lambda w: {"assignee": w.case_manager.pk}, "reassign", MANAGERS),
    "add_note": ("held", lambda w: {"body": "Called back"}, "add_note", WORKERS),
    "message_reporter": ("held", lambda w: {"body": "We call you"}, "message_reporter", WORKERS),
    "reveal_contact": ("held", lambda w: {"reason": "Call now"}, "reveal_contact", WORKERS),
    "refer": (
        "verified",
        lambda w: {"unit": w.lawyers.pk, "services": ["legal"]},
        "refer",
        WORKERS,
    ),
    "add_need": ("held", lambda w: {"kind": "shelter"}, "add_need", WORKERS),
    "assess_risk": (
        "held",
        lambda w: {"level": "high", "assessed_on": "2026-01-05"},
        "assess_risk",
        WORKERS,
    ),
    "update_safety_plan": ("held", lambda w: {"plan": "Code word"}, "update_safety_plan", WORKERS),
    "add_follow_up": ("held", lambda w: {"due_on": "2030-01-05"}, "add_follow_up", WORKERS),
    "close": (
        "held",
        lambda w: {"outcome": "no_action", "reason": "x"},
        "close",
        set(),  # held is in review: closing is refused for everyone, and never audited
    ),
}


def audit_count(report, action):
    return AuditEntry.objects.filter(report_id=report.pk, action=action).count()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", REPORT_ACTIONS)
def test_who_takes_each_action_on_a_report(client, world, role, action):
    report_name, data, audited, allowed = REPORT_ACTIONS[action]
    report = getattr(world, report_name)
    url = reverse("triage_queue:action", args=[report.pk, action])
    before = audit_count(report, audited)
    response = client_for(client, world, role).post(url, data(world))
    if role in allowed:
        assert response.status_code == 302, (action, role)
        assert response["Location"] == reverse("triage_queue:detail", args=[report.pk])
        assert audit_count(report, audited) == before + 1, (action, role)
    else:
        assert response.status_code in (302, 403, 404), (action, role)
        assert audit_count(report, audited) == before, (action, role)


# The case holder's actions on a referral (X's open referral).
HOLDER_REFERRAL_ACTIONS = {
    "revoke": (lambda w: {}, WORKERS),
    "answer_unit": (lambda w: {"body": "Yes, tomorrow"}, WORKERS),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", HOLDER_REFERRAL_ACTIONS)
def test_who_takes_the_holders_actions_on_a_referral(client, world, role, action):
    data, allowed = HOLDER_REFERRAL_ACTIONS[action]
    url = reverse(
        "triage_queue:referral_action", args=[world.referred.pk, world.referral.pk, action]
    )
    before = audit_count(world.referred, action)
    response = client_for(client, world, role).post(url, data(world))
    if role in allowed:
        assert response.status_code == 302, (action, role)
        assert audit_count(world.referred, action) == before + 1
    else:
        assert refused(response), (action, role, response.status_code)
        assert audit_count(world.referred, action) == before
        assert Referral.objects.get(pk=world.referral.pk).status == "sent"


# A unit's actions: (referral attribute, POST data, the change it makes)
UNIT_ACTIONS = {
    "accept": ("referral", lambda w: {}),
    "decline": ("referral", lambda w: {"reason": "No doctor on duty"}),
    "ask": ("referral", lambda w: {"body": "Is she safe at home?"}),
    "record_service": (
        "accepted_referral",
        lambda w: {"kind": "medical", "given_on": "2026-01-05", "place": "Poli"},
    ),
    "complete": ("accepted_referral", lambda w: {"outcome": "given", "note": "Recovered"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", UNIT_ACTIONS)
def test_only_the_referrals_own_unit_takes_its_actions(client, world, role, action):
    name, data = UNIT_ACTIONS[action]
    referral = getattr(world, name)
    url = reverse("triage_inbox:action", args=[referral.pk, action])
    state = (Referral.objects.get(pk=referral.pk).status, ServiceRecord.objects.count())
    before = audit_count(referral.report, action)
    response = client_for(client, world, role).post(url, data(world))
    if role in X_UNIT:
        assert response.status_code == 302, (action, role)
        assert response["Location"] == reverse("triage_inbox:packet", args=[referral.pk])
        assert audit_count(referral.report, action) == before + 1, (action, role)
    else:
        assert refused(response), (action, role, response.status_code)
        assert audit_count(referral.report, action) == before, (action, role)
        assert (Referral.objects.get(pk=referral.pk).status, ServiceRecord.objects.count()) == state


@pytest.mark.parametrize("role", sorted(UNITS))
@pytest.mark.parametrize("action", UNIT_ACTIONS)
def test_a_revoked_referral_answers_404_to_every_unit_action(client, world, role, action):
    _name, data = UNIT_ACTIONS[action]
    url = reverse("triage_inbox:action", args=[world.revoked_referral.pk, action])
    # (The locale middleware first tries the URL under /id/; that 404s too.)
    response = client_for(client, world, role).post(url, data(world), follow=True)
    assert response.status_code == 404
    assert Referral.objects.get(pk=world.revoked_referral.pk).status == "revoked"


def test_the_other_regions_officer_sees_the_queue_without_this_regions_reports(client, world):
    response = verified_login(client, world.other_officer).get(reverse("triage_queue:index"))
    listed = response.context["object_list"]
    assert [case.report_id for case in listed] == [world.elsewhere.pk]


@pytest.mark.parametrize(("role", "expected"), [
    ("clinic_staff", ["accepted_referral", "referral"]),
    ("clinic_coordinator", ["accepted_referral", "referral"]),
    ("lawyers_staff", []),
    ("lawyers_coordinator", []),
])  # fmt: skip
def test_each_unit_lists_only_its_own_referrals(client, world, role, expected):
    response = verified_login(client, getattr(world, role)).get(reverse("triage_inbox:index"))
    listed = {referral.pk for referral in response.context["object_list"]}
    assert listed == {getattr(world, name).pk for name in expected}


@pytest.mark.parametrize("role", sorted(TRIAGE | UNITS | set(OPERATORS)))
def test_staff_without_a_verified_second_factor_are_sent_to_it(client, world, role):
    client.force_login(getattr(world, role))  # password only: no OTP device bound
    for url in (
        reverse("triage_queue:index"),
        reverse("triage_queue:detail", args=[world.held.pk]),
        reverse("triage_inbox:index"),
        reverse("triage_inbox:packet", args=[world.referral.pk]),
        reverse("triage_staff:index"),
        reverse("intake_record"),
        reverse("intake_recordings"),
        reverse("intake_correct", args=[world.recorded_a.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "2fa" in response["Location"] or "login" in response["Location"]
    before = AuditEntry.objects.count(), Report.objects.count()
    client.post(reverse("triage_queue:action", args=[world.fresh.pk, "claim"]))
    client.post(reverse("triage_inbox:action", args=[world.referral.pk, "accept"]))
    client.post(reverse("intake_record"), recording_answers())
    client.post(reverse("intake_correct", args=[world.recorded_a.pk]), recording_answers())
    assert (AuditEntry.objects.count(), Report.objects.count()) == before


def test_actions_refuse_get_requests(client, world):
    verified_login(client, world.officer)
    response = client.get(reverse("triage_queue:action", args=[world.fresh.pk, "claim"]))
    assert response.status_code == 405
    verified_login(client, world.clinic_staff)
    response = client.get(reverse("triage_inbox:action", args=[world.referral.pk, "accept"]))
    assert response.status_code == 405


@pytest.mark.parametrize("role", ROLES)
def test_who_records_a_report(client, world, role):
    before = Report.objects.count()
    response = client_for(client, world, role).post(reverse("intake_record"), recording_answers())
    if role in RECORDERS:
        assert response.status_code == 303, role
        recorded = Report.objects.latest("pk")
        assert recorded.recorded_by == getattr(world, role)
        entry = AuditEntry.objects.get(
            action=AuditEntry.Action.RECORD_REPORT, report_id=recorded.pk
        )
        assert entry.actor == getattr(world, role)
    else:
        assert refused(response), (role, response.status_code)
        assert Report.objects.count() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("recording", RECORDINGS)
def test_only_its_recorder_corrects_a_recording_within_the_window(client, world, role, recording):
    report = getattr(world, recording)
    url = reverse("intake_correct", args=[report.pk])
    answers = recording_answers(narrative="Corrected: the caller is the victim's aunt.")
    before = audit_count(report, AuditEntry.Action.CORRECT_RECORDING)
    response = client_for(client, world, role).post(url, answers)
    report = Report.objects.get(pk=report.pk)
    if role == RECORDINGS[recording]:
        assert response.status_code == 303, (recording, role)
        assert report.narrative.startswith("Corrected")
        assert audit_count(report, AuditEntry.Action.CORRECT_RECORDING) == before + 1
    else:
        assert refused(response), (recording, role, response.status_code)
        assert report.narrative.startswith("Recorded")
        assert audit_count(report, AuditEntry.Action.CORRECT_RECORDING) == before


@pytest.mark.parametrize(("role", "expected"), [
    ("operator_a", ["recorded_a"]),
    ("operator_b", ["recorded_b"]),
    ("operator_late", []),
    ("officer", []),
])  # fmt: skip
def test_each_recorder_lists_only_their_recordings_within_the_window(client, world, role, expected):
    response = verified_login(client, getattr(world, role)).get(reverse("intake_recordings"))
    listed = {report.pk for report, _until in response.context["rows"]}
    assert listed == {getattr(world, name).pk for name in expected}
    for name in set(RECORDINGS) - set(expected):
        assert reverse("intake_correct", args=[getattr(world, name).pk]) not in (
            response.content.decode()
        )


@pytest.mark.parametrize("role", OPERATORS)
@pytest.mark.parametrize(
    "action", ["claim", "add_note", "message_reporter", "verify", "reveal_contact"]
)
def test_an_operator_takes_no_triage_action_even_on_their_own_recording(
    client, world, role, action
):
    report = {"operator_a": world.recorded_a, "operator_b": world.recorded_b}.get(
        role, world.recorded_late
    )
    before = AuditEntry.objects.filter(report_id=report.pk).exclude(action="refused").count()
    url = reverse("triage_queue:action", args=[report.pk, action])
    response = client_for(client, world, role).post(url, {"body": "x", "reason": "x"})
    assert refused(response), (role, action, response.status_code)
    assert AuditEntry.objects.filter(report_id=report.pk).exclude(action="refused").count() == (
        before
    )


@pytest.mark.parametrize(
    ("url_name", "action"),
    [
        # The recording actions are the intake screens', never the case page's.
        ("triage_queue:action", "correct_recording"),
        ("triage_queue:action", "record_report"),
        ("triage_queue:action", "accept"),  # a unit's action through the case page's URL
        ("triage_queue:action", "update_referral"),  # gone with the old referral model
        ("triage_queue:action", "view"),  # a capability, not an action
    ],
)
def test_a_name_that_is_no_action_of_that_screen_is_404(client, world, url_name, action):
    verified_login(client, world.case_manager)
    response = client.post(reverse(url_name, args=[world.referred.pk, action]), follow=True)
    assert response.status_code == 404


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_each_role_finds_in_the_menu_only_the_sections_it_may_open(client, world, role):
    home = client_for(client, world, role).get(reverse("wagtailadmin_home"), follow=True)
    menu = home.content.decode()
    for url, allowed in [
        (reverse("triage_queue:index"), TRIAGE),
        (reverse("triage_audit:index"), MANAGERS),
        (reverse("triage_inbox:index"), UNITS),
        (reverse("triage_staff:index"), {"admin"} | COORDINATORS),
        (reverse("intake_record"), RECORDERS),
        (reverse("intake_recordings"), RECORDERS),
    ]:
        assert (url in menu) is (role in allowed), (role, url)
