"""Staff read confirmations in their admin language (their Wagtail profile), not the
browser's."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from content.models import Region
from forms.intake import add_reply
from forms.models import Channel, Report
from forms.triage import actions
from tests.forms.conftest import make_regions, make_report
from tests.forms.triage.conftest import make_staff, verified_login

pytestmark = pytest.mark.django_db

ANSWERS = {
    "channel": Channel.WALK_IN,
    "violence_kinds": ["psychological"],
    "province": "31",
    "regency": "31.71",
    "narrative": "Datang ke meja UPTD.",
    "action": "save",
}


def confirmation_after_a_correction(client, admin_language, browser_language):
    make_regions()
    operator = make_staff("desk", ["Intake operator"])
    profile = UserProfile.get_for_user(operator)
    profile.preferred_language = admin_language
    profile.save()
    verified_login(client, operator)
    received = (timezone.localtime() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    answers = {**ANSWERS, "received_at": received}
    headers = {"HTTP_ACCEPT_LANGUAGE": browser_language}
    client.post(reverse("intake_record"), answers, **headers)
    report = Report.objects.get()
    url = reverse("intake_correct", args=[report.pk])
    response = client.post(url, {**answers, "narrative": "Datang sendiri."}, follow=True, **headers)
    return [str(message) for message in response.context["messages"]]


def test_an_indonesian_admin_in_an_english_browser_is_told_in_indonesian(client):
    assert confirmation_after_a_correction(client, "id", "en") == ["Laporan telah dikoreksi."]


def test_an_english_admin_in_an_indonesian_browser_is_told_in_english(client):
    assert confirmation_after_a_correction(client, "en", "id") == ["The report has been corrected."]


def test_notices_follow_the_recipients_admin_language(django_capture_on_commit_callbacks):
    make_regions()
    officer = make_staff("holder", ["Triage officer"], ["31.71"], on_duty=True)
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "en"
    profile.save()
    report = make_report(Region.objects.get(code="31.71"))
    actions.claim(officer, report)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        add_reply(report, {"body": "Tolong"})
    assert mail.outbox[0].subject == "A reporter wrote"
    profile.preferred_language = "id"
    profile.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        add_reply(report, {"body": "Tolong lagi"})
    assert mail.outbox[0].subject == "Pelapor menulis pesan"
