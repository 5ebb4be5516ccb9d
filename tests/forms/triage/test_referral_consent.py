"""Referring a report whose reporter did not agree to referral (actions.refer).

Never silent: the referral form says so prominently, and the referral is refused
unless the staff member names a ground, writes a reason and confirms; a referral
made that way is marked, its reason sealed in the notes, and audited on its own.
"""

import pytest
from django.urls import reverse

from forms.triage import actions
from forms.triage.models import AuditEntry, Note, Referral
from tests.forms.conftest import make_report
from tests.forms.triage.conftest import verified_login

pytestmark = pytest.mark.django_db

WARNING = "The reporter did NOT agree to referral to service units."


@pytest.fixture
def unconsented(world):
    """A verified report, held by the officer, whose reporter did not agree to referral."""
    report = make_report(world.regions["31.71.01.1001"], narrative="No referral please")
    actions.claim(world.officer, report)
    actions.verify(world.officer, report)
    report.refresh_from_db()
    assert report.consent_referral is False
    return report


@pytest.fixture
def officer(client, world):
    return verified_login(client, world.officer)


def detail(report):
    return reverse("triage_queue:detail", args=[report.pk])


def refer(client, world, report, **consent):
    url = reverse("triage_queue:action", args=[report.pk, "refer"])
    data = {"targets": [f"{world.clinic.pk}:medical", f"{world.lawyers.pk}:legal"], **consent}
    return client.post(url, data, follow=True)


def test_the_referral_form_says_prominently_that_the_reporter_did_not_agree(
    officer, world, unconsented
):
    page = officer.get(detail(unconsented)).content.decode()
    assert WARNING in page
    assert 'class="help-block help-critical"' in page
    # The override asks for a ground, a reason and a confirmation, all required.
    for field in (
        'name="consent_override" value="danger" required',
        'name="consent_override" value="legal_duty" required',
        'name="consent_reason" required',
        'name="consent_confirmed" value="yes" required',
    ):
        assert field in page, field


def test_a_report_whose_reporter_agreed_shows_no_warning_and_no_override(officer, world):
    page = officer.get(detail(world.verified)).content.decode()
    assert 'name="targets"' in page  # the referral form is there
    assert WARNING not in page
    assert "consent_override" not in page


@pytest.mark.parametrize(
    "consent",
    [
        {},
        {"consent_override": "legal_duty", "consent_reason": "Victim is 9 years old"},
        {"consent_override": "legal_duty", "consent_confirmed": "yes"},
        {"consent_override": "danger", "consent_reason": "   ", "consent_confirmed": "yes"},
        {"consent_override": "curiosity", "consent_reason": "x", "consent_confirmed": "yes"},
    ],
    ids=["nothing", "no-confirmation", "no-reason", "blank-reason", "unknown-ground"],
)
def test_a_referral_without_consent_is_refused_without_ground_reason_and_confirmation(
    officer, world, unconsented, consent
):
    response = refer(officer, world, unconsented, **consent)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == detail(unconsented)
    assert "The reporter did not agree to referral." in page  # the error message
    assert WARNING in page  # and the form still warns
    assert not Referral.objects.filter(report=unconsented).exists()
    unconsented.refresh_from_db()
    assert unconsented.status == "verified"
    assert not AuditEntry.objects.filter(
        report_id=unconsented.pk, action__in=["refer", "refer_no_consent"]
    ).exists()


def test_a_confirmed_referral_without_consent_is_made_marked_and_audited(
    officer, world, unconsented
):
    reason = "Victim is 9 years old; child protection law requires it"
    response = refer(
        officer,
        world,
        unconsented,
        consent_override="legal_duty",
        consent_reason=reason,
        consent_confirmed="yes",
        notes="Call before visiting",
    )
    page = response.content.decode()
    assert "Referred to 2 unit(s)." in page
    # Both units get it, each marked with the ground, the reason in its sealed notes.
    referrals = Referral.objects.filter(report=unconsented)
    assert {(r.unit_id, r.service, r.consent_override) for r in referrals} == {
        (world.clinic.pk, "medical", "legal_duty"),
        (world.lawyers.pk, "legal", "legal_duty"),
    }
    for referral in referrals:
        assert reason in referral.notes and "Call before visiting" in referral.notes
        assert reason.encode() not in bytes(referral.notes_sealed)
    assert page.count('data-testid="referred-without-consent"') == 2
    # Audited as its own action, with the ground; the reason stays in a sealed note.
    entry = AuditEntry.objects.get(report_id=unconsented.pk, action="refer_no_consent")
    (note,) = [n for n in Note.objects.filter(report=unconsented) if reason in n.body]
    assert entry.actor == world.officer
    assert entry.detail.startswith("ground legal_duty; units ")
    assert entry.detail.endswith(f"reason in note {note.pk}")
    assert reason not in entry.detail
    assert not AuditEntry.objects.filter(report_id=unconsented.pk, action="refer").exists()
    # The history on the report page shows it to every later reader.
    assert "Referred without the reporter" in page


def test_a_report_whose_reporter_agreed_is_referred_without_any_override(officer, world):
    response = refer(officer, world, world.verified)
    assert "Referred to 2 unit(s)." in response.content.decode()
    assert set(
        Referral.objects.filter(report=world.verified).values_list("consent_override", flat=True)
    ) == {""}
    assert AuditEntry.objects.filter(report_id=world.verified.pk, action="refer").exists()
    assert not AuditEntry.objects.filter(
        report_id=world.verified.pk, action="refer_no_consent"
    ).exists()
