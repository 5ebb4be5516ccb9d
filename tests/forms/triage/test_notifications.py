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
    "Open the queue (sign-in and two-factor authentication required):\n"
    "https://admin.satu-layanan.example/admin/triage/reports/\n\n"
    "This notice deliberately contains nothing about the report."
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
    # The province officer covers 31.71.02; the regency officer does too (31.71).
    assert len(mail.outbox) == 2
    mail.outbox.clear()
    from forms.triage.models import StaffProfile

    StaffProfile.objects.update(on_duty=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_report(staff["regions"]["31.71.02"])
    assert mail.outbox == []
