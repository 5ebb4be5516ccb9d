"""The reporter's follow-up page shows the case plan in plain words per kind of
service, and never a unit's name unless the case holder chose to share it."""

import pytest
from django.utils import timezone

from forms import receipts
from forms.triage import actions
from forms.triage.models import Referral
from tests.forms.conftest import make_report, open_status
from tests.utils import parse_html, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(world, complaint_page):
    """A report with a known receipt code, referred to the clinic (visum, medical care)
    and to the legal aid office (legal accompaniment)."""
    code = receipts.new_code()
    report = make_report(
        world.regions["31.71.01.1001"], consent_referral=True, receipt_digest=receipts.digest(code)
    )
    actions.claim(world.officer, report)
    actions.verify(world.officer, report)
    clinic = actions.refer(world.officer, report, world.clinic, ["visum", "medical"])
    lawyers = actions.refer(world.officer, report, world.lawyers, ["legal"])
    return code, report, clinic, lawyers


def progress(client, complaint_page, code):
    assert complaint_page.url == "/id/lapor/"
    response = open_status(client, code)
    assert response.status_code == 200
    return texts(parse_html(response.content), "[data-testid=service-progress] li")


def test_each_kind_of_service_shows_its_progress_in_plain_words(
    client, world, complaint_page, followed
):
    code, _report, clinic, lawyers = followed
    assert progress(client, complaint_page, code) == [
        "Visum (medical-legal examination): being arranged",
        "Medical care: being arranged",
        "Legal accompaniment: being arranged",
    ]
    actions.accept(world.clinic_staff, clinic)
    actions.record_service(world.clinic_staff, clinic, "visum", timezone.localdate())
    actions.complete(world.clinic_staff, clinic, Referral.Outcome.GIVEN)
    actions.accept(world.lawyers_staff, lawyers)
    assert progress(client, complaint_page, code) == [
        "Visum (medical-legal examination): done",
        "Medical care: done",
        "Legal accompaniment: in progress",
    ]


def test_a_unit_is_named_to_the_reporter_only_when_shared_and_accepted(
    client, world, complaint_page, followed
):
    code, report, clinic, _lawyers = followed
    response = open_status(client, code)
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Puskesmas Gambir", "LBH APIK Jakarta"):
        assert name not in page
    actions.revoke(world.officer, clinic)
    shared = actions.refer(world.officer, report, world.clinic, ["visum"], share_with_reporter=True)
    assert "Puskesmas Gambir" not in "".join(progress(client, complaint_page, code))
    actions.accept(world.clinic_staff, shared)
    lines = progress(client, complaint_page, code)
    assert [line for line in lines if "Puskesmas Gambir" in line] == [
        "Visum (medical-legal examination): in progress Puskesmas Gambir"
    ]
    assert "LBH APIK Jakarta" not in "".join(lines)
