"""A new report notifies the on-duty staff of its region, saying nothing about it."""

import pytest
from django.core import mail
from django.test import override_settings

from content.models import Region
from tests.forms.conftest import make_regions, make_report
from tests.forms.triage.conftest import make_staff

pytestmark = pytest.mark.django_db

EXPECTED_BODY = (
    "A new report is waiting in the triage queue.\n\n"
    "Open it (sign-in and two-factor authentication required):\n"
    "https://admin.satu-layanan.example/admin/triage/reports/\n\n"
    "This notice deliberately contains nothing about the case."
)


@pytest.fixture
def staff(db):
    make_regions()
    regions = {region.code: region for region in Region.objects.all()}
    return {
        "province": make_staff(
            "province_officer", ["Triage officer"], [regions["31"]], on_duty=True
        ),
        "regency": make_staff(
            "regency_officer",
            ["Triage officer"],
            [regions["31.71"]],
            on_duty=True,
            email="duty@agency.example",
        ),
        "off_duty": make_staff("off_duty", ["Triage officer"], [regions["31.71"]]),
        # Scoped to a district, which a report keeps sealed (its blind index in clear).
        "district": make_staff(
            "gambir_officer", ["Triage officer"], [regions["31.71.01"]], on_duty=True
        ),
        "elsewhere": make_staff(
            "surabaya_officer", ["Triage officer"], [regions["35.78"]], on_duty=True
        ),
        "editor": make_staff("editor_on_duty", ["Editor"], [regions["31.71"]], on_duty=True),
        "regions": regions,
    }


@override_settings(WAGTAILADMIN_BASE_URL="https://admin.satu-layanan.example", LANGUAGE_CODE="en")
def test_on_duty_staff_of_the_region_and_above_get_a_notice_with_no_content(
    staff, django_capture_on_commit_callbacks
):
    staff["regency"].staff_profile.notification_email = "duty-desk@agency.example"
    staff["regency"].staff_profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        make_report(
            staff["regions"]["31.71.01.1001"],
            kinds=("sexual",),
            narrative="Ayah memukul saya",
            immediate_danger=True,
        )
    assert sorted(message.to[0] for message in mail.outbox) == [
        "duty-desk@agency.example",
        "gambir_officer@agency.example",
        "province_officer@agency.example",
    ]
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert message.subject == "A new report is waiting"
        assert message.body == EXPECTED_BODY


def test_nobody_is_notified_before_the_report_is_committed(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_report(staff["regions"]["31.71.01.1001"])
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_region_with_nobody_on_duty_sends_nothing(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_report(staff["regions"]["31.71.02"], kinds=("neglect",))
    # The province officer covers 31.71.02; the regency officer does too (31.71); the
    # officer of the district next door (31.71.01) does not.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "duty@agency.example",
        "province_officer@agency.example",
    ]
    mail.outbox.clear()
    from forms.triage.models import StaffProfile

    StaffProfile.objects.update(on_duty=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_report(staff["regions"]["31.71.02"])
    assert mail.outbox == []


# ---------------------------------------------------------------------------
# Referrals: who is told, and that no notice says anything about the case
# ---------------------------------------------------------------------------


def notice_body(lead):
    return (
        f"{lead}\n\n"
        "Open it (sign-in and two-factor authentication required):\n"
        "https://admin.satu-layanan.example/admin/{where}/\n\n"
        "This notice deliberately contains nothing about the case."
    )


def sent(outbox):
    return sorted((message.to[0], message.subject) for message in outbox)


def assert_no_content(outbox, report, referral, unit):
    """No subject or body names the report, the referral, the unit, the region, the
    services or anything anyone wrote."""
    secrets = [
        "Mother hit with a belt",  # the narrative
        "Needs a visum today",  # the packet's summary
        "Can she come at night?",  # the unit's question
        "Bruises on both arms",  # the service record's note
        "No doctor until Monday",  # the decline reason
        "0812-4444-2222",  # the contact details
        unit.title,
        "Gambir",
        "visum",
        "Visum",
        f"/{report.pk}/",
        f"#{report.pk}",
        f"/{referral.pk}/",
        f"#{referral.pk}",
    ]
    for message in outbox:
        text = message.subject + "\n" + message.body
        for secret in secrets:
            assert secret not in text, (secret, message.subject)
        assert len(message.to) == 1 and not message.cc and not message.bcc


@pytest.fixture
def loop(world, django_capture_on_commit_callbacks):
    """A verified report held by the officer, ready to refer to the clinic."""
    report = make_report(
        world.regions["31.71.01.1001"],
        narrative="Mother hit with a belt",
        contact_details="0812-4444-2222",
        consent_referral=True,
        consent_contact=True,
    )
    from forms.triage import actions

    actions.claim(world.officer, report)
    actions.verify(world.officer, report)
    mail.outbox.clear()
    return report


@override_settings(WAGTAILADMIN_BASE_URL="https://admin.satu-layanan.example", LANGUAGE_CODE="en")
def test_the_units_on_duty_members_are_told_of_a_referral_and_of_its_revocation(
    world, loop, django_capture_on_commit_callbacks
):
    from forms.triage import actions

    off_duty = make_staff("clinic_night", ["Unit staff"], units=[world.clinic])
    assert not off_duty.staff_profile.on_duty
    with django_capture_on_commit_callbacks(execute=True):
        referral = actions.refer(
            world.officer, loop, world.clinic, ["visum"], "Needs a visum today", pass_contact=True
        )
    # The clinic's on-duty member only: not its off-duty member, not the coordinator
    # (off duty), never the other unit's people.
    assert sent(mail.outbox) == [
        ("clinic_staff@agency.example", "A new referral is waiting for your unit")
    ]
    assert mail.outbox[0].body == notice_body(
        "A new referral is waiting in your unit's inbox."
    ).format(where="referrals")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.revoke(world.officer, referral)
    assert sent(mail.outbox) == [
        ("clinic_staff@agency.example", "A referral to your unit was withdrawn")
    ]
    assert_no_content(mail.outbox, loop, referral, world.clinic)


@override_settings(WAGTAILADMIN_BASE_URL="https://admin.satu-layanan.example", LANGUAGE_CODE="en")
def test_the_case_holder_is_told_of_every_unit_action_and_the_unit_of_each_answer(
    world, loop, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from forms.triage import actions

    with django_capture_on_commit_callbacks(execute=True):
        referral = actions.refer(
            world.officer, loop, world.clinic, ["visum"], "Needs a visum today"
        )
    outbox = list(mail.outbox)
    mail.outbox.clear()
    steps = [
        lambda: actions.accept(world.clinic_staff, referral),
        lambda: actions.record_service(
            world.clinic_staff, referral, "visum", timezone.localdate(), "", "Bruises on both arms"
        ),
        lambda: actions.ask(world.clinic_staff, referral, "Can she come at night?"),
        lambda: actions.complete(world.clinic_staff, referral, "given"),
    ]
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            step()
        (message,) = mail.outbox
        assert (message.to, message.subject) == (
            ["officer@agency.example"],
            "A partner unit updated a referral",
        )
        assert message.body == notice_body(
            "A partner unit updated a referral on a case you hold."
        ).format(where="triage/reports")
        outbox.append(message)
        mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer_unit(world.officer, referral, "Yes, any time")
    assert sent(mail.outbox) == [("clinic_staff@agency.example", "The agency answered your unit")]
    assert_no_content([*outbox, *mail.outbox], loop, referral, world.clinic)


@override_settings(LANGUAGE_CODE="en")
def test_a_decline_on_a_case_nobody_holds_goes_to_the_officer_who_referred(
    world, loop, django_capture_on_commit_callbacks
):
    from forms.triage import actions

    referral = actions.refer(world.officer, loop, world.clinic, ["visum"])
    actions.release(world.officer, loop)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decline(world.clinic_staff, referral, "No doctor until Monday")
    assert sent(mail.outbox) == [("officer@agency.example", "A partner unit updated a referral")]
    assert_no_content(mail.outbox, loop, referral, world.clinic)


def test_nothing_is_sent_before_the_action_commits(world, loop, django_capture_on_commit_callbacks):
    from forms.triage import actions

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.refer(world.officer, loop, world.clinic, ["visum"])
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [message.to[0] for message in mail.outbox] == ["clinic_staff@agency.example"]
