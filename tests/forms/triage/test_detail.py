"""A report's page and its files: decrypted for permitted staff, every read audited."""

import pytest
from django.urls import reverse

from forms.models import Attachment
from forms.triage import actions
from forms.triage.models import AuditEntry
from tests.forms.triage.conftest import verified_login
from tests.utils import parse_html, texts

pytestmark = pytest.mark.django_db


def test_the_report_page_shows_the_decrypted_report_and_audits_the_read(client, world):
    verified_login(client, world.officer)
    response = client.get(reverse("triage_queue:detail", args=[world.held.pk]))
    page = response.content.decode()
    assert "Held story" in page and "0812-0000-1111" in page
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(report_id=world.held.pk, action="view_report")
    assert entry.actor == world.officer


def test_the_report_page_shows_thread_referrals_notes_and_history_on_one_screen(client, world):
    actions.refer(world.officer, world.referred, world.lawyers, ["legal"])
    actions.message_reporter(world.officer, world.referred, "Kami sudah merujuk")
    actions.add_note(world.officer, world.referred, "Clinic called")
    verified_login(client, world.case_manager)
    response = client.get(reverse("triage_queue:detail", args=[world.referred.pk]))
    document = parse_html(response.content.decode())
    units = texts(document, "[data-testid=referral-unit]")
    # The clinic's open referral, the lawyers' revoked one and the new one: every unit
    # is named to the agency, from its sealed value.
    assert units == ["Puskesmas Gambir", "LBH APIK Jakarta", "LBH APIK Jakarta"]
    statuses = texts(document, "[data-testid=referral-status]")
    assert statuses == ["Waiting for the unit", "Revoked", "Waiting for the unit"]
    assert "Kami sudah merujuk" in document.select_one("[data-testid=reporter-thread]").text
    assert "Clinic called" in document.select_one("[data-testid=notes]").text
    assert document.select("[data-testid=history] li")


def test_a_file_is_streamed_as_a_download_never_cached_and_audited(client, world):
    attachment = Attachment.objects.get(report=world.held)
    verified_login(client, world.case_manager)
    response = client.get(reverse("triage_queue:download", args=[world.held.pk, attachment.pk]))
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 evidence"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "visum" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(report_id=world.held.pk, action="download_file")
    assert entry.actor == world.case_manager and entry.detail == f"attachment {attachment.pk}"


def test_a_file_cannot_be_fetched_through_another_report(client, world):
    attachment = Attachment.objects.get(report=world.held)
    verified_login(client, world.officer)
    url = reverse("triage_queue:download", args=[world.fresh.pk, attachment.pk])
    # (The locale middleware first tries the URL under /id/; that 404s too.)
    response = client.get(url, follow=True)
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="download_file").exists()
