"""Referring a report whose reporter did not agree to referral (``Refer``).

Never silent: the referral form says so prominently, and the referral is refused
unless the staff member names a ground, writes a reason and confirms; a referral
made that way is marked, its reason sealed in the packet's summary and in a note, and
audited on its own.
"""

import pytest
from django.urls import reverse

from forms.triage import actions
from forms.triage.models import AuditEntry, Note, Referral
from tests.forms.conftest import make_report
from tests.forms.triage.conftest import verified_login
from tests.utils import parse_html, texts

pytestmark = pytest.mark.django_db

WARNING = "The reporter did NOT agree to referral to service units."


@pytest.fixture
def unconsented(world):
    """A verified report, held by the officer, whose reporter did not agree to referral."""
    report = make_report(
        world.regions["31.71.01.1001"],
        narrative="No referral please",
        consent_contact=True,
        contact_details="0812-9999-0000",
    )
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
    data = {"unit": world.clinic.pk, "services": ["medical", "visum"], **consent}
    return client.post(url, data, follow=True)


def test_the_referral_form_says_prominently_that_the_reporter_did_not_agree(
    officer, world, unconsented
):
    document = parse_html(officer.get(detail(unconsented)).content)
    warning = document.select_one(".help-block.help-critical [data-testid=no-referral-consent]")
    assert warning is not None and WARNING in warning.get_text()
    # The override asks for a ground, a reason and a confirmation, all required.
    form = document.select_one("[data-testid=refer-form]")
    grounds = form.select("input[name=consent_override][required]")
    assert sorted(ground["value"] for ground in grounds) == ["danger", "legal_duty"]
    assert form.select_one("textarea[name=consent_reason][required]")
    assert form.select_one("input[name=consent_confirmed][value=yes][required]")
    # Without referral consent, contact details cannot be passed on at all.
    assert form.select_one("input[name=pass_contact]") is None


def test_a_report_whose_reporter_agreed_shows_no_warning_and_no_override(officer, world):
    document = parse_html(officer.get(detail(world.verified)).content)
    form = document.select_one("[data-testid=refer-form]")
    assert form.select_one("select[name=unit]")  # the referral form is there
    assert document.select_one("[data-testid=no-referral-consent]") is None
    assert form.select_one("[name=consent_override]") is None


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
    document = parse_html(response.content)
    assert response.redirect_chain[-1][0] == detail(unconsented)
    assert any(
        "The reporter did not agree to referral." in m for m in texts(document, ".messages li")
    )
    assert document.select_one("[data-testid=no-referral-consent]")  # and the form still warns
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
        summary="Call before visiting",
        pass_contact="yes",  # not offered, and refused if sent anyway
    )
    document = parse_html(response.content)
    assert texts(document, ".messages li") == ["Referred. The unit's on-duty members are told."]
    # The unit gets it marked with the ground, the reason at the head of its summary.
    referral = Referral.objects.get(report=unconsented)
    assert (referral.unit_pk, referral.services, referral.consent_override) == (
        world.clinic.pk,
        ["medical", "visum"],
        "legal_duty",
    )
    assert reason in referral.summary and "Call before visiting" in referral.summary
    assert reason.encode() not in bytes(referral.summary_sealed)
    assert referral.pass_contact is False
    assert len(document.select("[data-testid=referred-without-consent]")) == 1
    # Audited as its own action, with the ground; the reason stays in a sealed note.
    entry = AuditEntry.objects.get(report_id=unconsented.pk, action="refer_no_consent")
    (note,) = [n for n in Note.objects.filter(report=unconsented) if reason in n.body]
    assert entry.actor == world.officer
    assert entry.detail == (
        f"referral {referral.pk}; ground legal_duty; services medical,visum; "
        f"reason in note {note.pk}"
    )
    assert not AuditEntry.objects.filter(report_id=unconsented.pk, action="refer").exists()
    # The history on the report page shows it to every later reader.
    assert any(
        "Referred without the reporter" in t for t in texts(document, "[data-testid=history] li")
    )

    # The unit's packet says so too.
    packet = verified_login(officer, world.clinic_staff).get(
        reverse("triage_inbox:packet", args=[referral.pk])
    )
    assert texts(parse_html(packet.content), "[data-testid=referred-without-consent]") == [
        "Referred without the reporter's consent: A legal obligation (for example a child victim)"
    ]


def test_a_report_whose_reporter_agreed_is_referred_without_any_override(officer, world):
    response = refer(officer, world, world.verified)
    assert texts(parse_html(response.content), ".messages li") == [
        "Referred. The unit's on-duty members are told."
    ]
    assert set(
        Referral.objects.filter(report=world.verified).values_list("consent_override", flat=True)
    ) == {""}
    assert AuditEntry.objects.filter(report_id=world.verified.pk, action="refer").exists()
    assert not AuditEntry.objects.filter(
        report_id=world.verified.pk, action="refer_no_consent"
    ).exists()
