"""The triage demo step of load_demo: idempotent, only where regions exist, and a
referral loop that `make demo` shows from every side."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from forms import receipts
from forms.models import Report
from forms.triage import demo
from forms.triage.models import Case, Referral
from tests.forms.conftest import make_regions, open_status
from tests.utils import parse_html, sign_in_verified, texts

pytestmark = pytest.mark.django_db


def test_the_demo_adds_its_reports_once_with_their_cases():
    assert "skipped" in (out := StringIO(), demo.load(out), out.getvalue())[2]
    make_regions()
    demo.load(StringIO())
    demo.load(StringIO())
    reports = Report.objects.filter(receipt_digest__startswith="demo-triage-")
    assert reports.count() == len(demo.DEMO_REPORTS)
    assert Case.objects.filter(report__in=reports).count() == len(demo.DEMO_REPORTS)
    assert reports.filter(immediate_danger=True).count() == 1
    assert reports.get(receipt_digest="demo-triage-0000").narrative.startswith("Tetangga")


def login(output: str, username: str) -> str:
    line = next(line for line in output.splitlines() if f"Login:  {username} / " in line)
    return line.split(" / ")[1].split()[0]


def test_make_demo_shows_the_referral_loop_to_the_hospital_and_the_reporter():
    call_command("demo", "--no-serve", stdout=StringIO())
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)  # a second run adds nothing, new logins
    output = out.getvalue()
    assert output.splitlines()[-1].strip() == f"with the receipt code {demo.loop_code()}"
    (report,) = Report.objects.filter(receipt_digest=receipts.digest(demo.loop_code()))
    referrals = Referral.objects.filter(report=report).order_by("pk")
    assert [(r.status, r.services) for r in referrals] == [
        ("accepted", ["visum", "medical"]),
        ("sent", ["legal"]),
    ]
    # The hospital's member signs in with the printed login and sees its packet only.
    hospital = Client()
    password = login(output, "rs.soetomo")
    response = hospital.post("/admin/login/", {"username": "rs.soetomo", "password": password})
    assert response.status_code == 302 and "/login/" not in response["Location"]
    sign_in_verified(hospital, get_user_model().objects.get(username="rs.soetomo"))
    inbox = hospital.get(reverse("triage_inbox:index"))
    assert [r.pk for r in inbox.context["object_list"]] == [referrals[0].pk]
    assert hospital.get(reverse("triage_queue:index")).status_code in (302, 403)
    # The reporter follows it with the printed code.
    page = open_status(Client(), demo.loop_code())
    lines = texts(parse_html(page.content), "[data-testid=service-progress] li")
    assert len(lines) == 3
