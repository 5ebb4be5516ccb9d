"""A staff member records a report from another channel: the same questions and filing
as the public form, the channel, the date received and who recorded it, the receipt
code shown once; an intake operator sees only their own recordings, for the
correction window, and nothing of triage."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from forms import receipts
from forms.models import Attachment, CaptchaState, Channel, Report
from forms.triage import access
from forms.triage.models import AuditEntry, Case
from tests.forms.conftest import open_status
from tests.forms.triage.conftest import make_staff, verified_login
from tests.utils import make_pdf
from tests.utils import recording_answers as answers

pytestmark = pytest.mark.django_db

RECORD = "/admin/intake/record/"


@pytest.fixture
def operator(regions):
    return make_staff("sapa_operator", ["Intake operator"])


@pytest.fixture
def officer(regions):
    return make_staff("officer", ["Triage officer"], [regions["31.71"]], on_duty=True)


def shown_code(response) -> str:
    match = re.search(r'id="receipt-code">([\d ]+)<', response.content.decode())
    assert match, "no receipt code on the page"
    return match[1].replace(" ", "")


def opens(client, url) -> int:
    """The status a staff member finally sees (an unknown admin URL is redirected to
    its language-prefixed form first, and is a 404 there)."""
    return client.get(url, follow=True).status_code


def turned_away(response) -> bool:
    """Refused: 403 or 404, or sent home by Wagtail (its answer to PermissionDenied)."""
    home = response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    return home or response.status_code in (403, 404)


def record(client, **overrides):
    return client.post(RECORD, answers(**overrides), follow=True)


def test_an_operator_records_a_phone_report_into_the_same_sealed_queue(client, operator):
    verified_login(client, operator)
    response = record(client)

    assert response.redirect_chain[0][1] == 303
    code = shown_code(response)
    report = Report.objects.get()
    assert receipts.find_report(code) == report
    assert code not in report.receipt_digest
    assert report.channel == Channel.PHONE_129
    assert report.recorded_by == operator
    assert report.captcha_state == CaptchaState.STAFF
    assert report.narrative.startswith("Ibu penelepon")
    assert b"Ibu penelepon" not in bytes(report.narrative_sealed)
    assert report.region_id == "31.71" and report.precise_region == "31.71.01.1002"
    assert report.violence_kinds == ["physical"] and report.immediate_danger
    # The same queue: the case counts its due time from when the call came in.
    case = Case.objects.get(report=report)
    assert case.received_at == report.received_at < report.created_at
    assert case.due_at == report.received_at + timedelta(hours=1)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RECORD_REPORT)
    assert entry.actor == operator and entry.report_id == report.pk
    assert entry.detail == "channel phone_129" and code not in entry.detail


def test_the_receipt_is_shown_once_and_only_to_who_recorded_it(client, operator, officer):
    verified_login(client, operator)
    response = record(client)
    receipt_url = response.redirect_chain[0][0]
    shown_code(response)

    again = client.get(receipt_url)
    assert again.status_code == 410
    assert 'id="receipt-code"' not in again.content.decode()

    response = record(client)
    receipt_url = response.redirect_chain[0][0]
    # The page was read above; a fresh handle opened by someone else shows nothing.
    other = client.__class__()
    verified_login(other, officer)
    handle = receipts.hand_over({"receipt": "1" * 16, "report": 1, "user": operator.pk})
    stolen = other.get(reverse("intake_receipt", args=[handle]))
    assert stolen.status_code == 410
    assert "1111" not in stolen.content.decode()


def test_no_captcha_fill_time_or_public_rate_limit_for_staff(client, operator, settings):
    settings.INTAKE_RATE_PER_CLIENT = "2/h"
    verified_login(client, operator)
    for _ in range(3):
        response = record(client)
        assert response.redirect_chain[0][1] == 303
    assert Report.objects.filter(recorded_by=operator).count() == 3


def test_evidence_files_are_allowed_and_sealed(client, operator):
    verified_login(client, operator)
    pdf = SimpleUploadedFile("visum.pdf", make_pdf("Hasil visum"), "application/pdf")
    response = client.post(RECORD, {**answers(), "evidence": [pdf]}, follow=True)
    assert response.redirect_chain[0][1] == 303
    attachment = Attachment.objects.get()
    assert attachment.report.recorded_by == operator
    assert b"Hasil visum" not in attachment.file.open("rb").read()


def test_a_referral_names_its_agency_sealed(client, operator):
    verified_login(client, operator)
    missing = client.post(RECORD, answers(channel=Channel.AGENCY))
    assert missing.status_code == 400
    assert not Report.objects.exists()

    record(client, channel=Channel.AGENCY, referring_agency="SMPN 3 Gambir")
    report = Report.objects.get()
    assert report.referring_agency == "SMPN 3 Gambir"
    assert b"SMPN" not in bytes(report.referring_agency_sealed)


def test_a_date_received_in_the_future_is_refused(client, operator):
    verified_login(client, operator)
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(RECORD, answers(received_at=tomorrow))
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_reloading_after_recording_files_nothing_twice(client, operator):
    verified_login(client, operator)
    response = client.post(RECORD, answers())
    assert response.status_code == 303
    # The browser's reload repeats the GET it was redirected to, not the POST.
    client.get(response["Location"])
    client.get(response["Location"])
    assert Report.objects.count() == 1


def test_an_operator_sees_only_their_recordings_within_the_window(client, operator, regions):
    colleague = make_staff("ppt_desk", ["Intake operator"])
    verified_login(client, colleague)
    record(client, narrative="Laporan rekan lain.")
    theirs = Report.objects.get()
    client.logout()
    verified_login(client, operator)
    record(client)
    mine = Report.objects.exclude(pk=theirs.pk).get()

    listing = client.get(reverse("intake_recordings")).content.decode()
    assert reverse("intake_correct", args=[mine.pk]) in listing
    assert reverse("intake_correct", args=[theirs.pk]) not in listing
    assert opens(client, reverse("intake_correct", args=[theirs.pk])) == 404

    Report.objects.filter(pk=mine.pk).update(created_at=timezone.now() - timedelta(hours=25))
    listing = client.get(reverse("intake_recordings")).content.decode()
    assert reverse("intake_correct", args=[mine.pk]) not in listing
    assert opens(client, reverse("intake_correct", args=[mine.pk])) == 404


def test_the_correction_window_comes_from_settings(client, operator, settings):
    verified_login(client, operator)
    record(client)
    report = Report.objects.get()
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(hours=3))
    settings.INTAKE_OPERATOR_CORRECTION_HOURS = 2
    assert opens(client, reverse("intake_correct", args=[report.pk])) == 404
    settings.INTAKE_OPERATOR_CORRECTION_HOURS = 4
    assert opens(client, reverse("intake_correct", args=[report.pk])) == 200


def test_a_correction_is_an_audited_action_and_its_read_too(client, operator):
    verified_login(client, operator)
    record(client)
    report = Report.objects.get()
    url = reverse("intake_correct", args=[report.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "Ibu penelepon" in page.content.decode()
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.VIEW_REPORT, actor=operator, report_id=report.pk
    ).exists()

    response = client.post(url, answers(narrative="Ayah tiri memukul anak perempuannya."))
    assert response.status_code == 303
    report.refresh_from_db()
    assert report.narrative == "Ayah tiri memukul anak perempuannya."
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CORRECT_RECORDING)
    assert entry.actor == operator and entry.detail == "changed narrative"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/triage/reports/",
        "/admin/triage/audit/",
        "/admin/triage/reports/export/",
    ],
)
def test_an_operator_sees_nothing_of_triage(client, operator, url):
    verified_login(client, operator)
    record(client)
    assert turned_away(client.get(url))
    report = Report.objects.get()
    assert turned_away(client.get(reverse("triage_queue:detail", args=[report.pk])))
    # Nor does the queue's scope give the operator anything (the one gate).
    assert not access.reports_visible_to(operator).exists()
    assert not access.can(operator, "view", report)


def test_who_may_record(client, regions, officer):
    editor = make_staff("editor", ["Editor"])
    verified_login(client, editor)
    assert turned_away(client.get(RECORD))
    assert turned_away(client.post(RECORD, answers()))
    client.logout()

    anonymous = client.get(RECORD)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]

    unverified = make_staff("unverified_operator", ["Intake operator"])
    client.force_login(unverified)
    assert "2fa" in client.get(RECORD)["Location"]
    assert "2fa" in client.post(RECORD, answers())["Location"]
    assert not Report.objects.exists()
    client.logout()

    # A triage officer records too.
    verified_login(client, officer)
    assert record(client).redirect_chain[0][1] == 303
    assert Report.objects.get().recorded_by == officer


def test_the_caller_follows_up_with_the_code_read_out(client, operator, complaint_page):
    verified_login(client, operator)
    code = shown_code(record(client))
    client.logout()
    status = open_status(client, code)
    assert status.status_code == 200
    assert status.context["report"] == Report.objects.get()
