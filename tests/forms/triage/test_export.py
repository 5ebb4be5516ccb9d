"""Reports upward: the rows a case manager exports, in which format, and what is kept out."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from forms.triage.models import AuditEntry
from tests.forms.triage.conftest import verified_login

pytestmark = pytest.mark.django_db


def download(client, user, **query):
    verified_login(client, user)
    return client.get(reverse("triage_queue:export"), query)


def this_year():
    return timezone.localdate().year


def test_a_case_manager_exports_the_verified_reports_of_a_region_as_xlsx(client, world):
    response = download(client, world.case_manager, region="31.71", year=this_year(), format="xlsx")
    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    numbers = {int(row[0]) for row in rows[1:]}
    # Verified (and referred, and in a unit's care) count; new, in review and other
    # regions do not.
    assert numbers == {world.verified.pk, world.referred.pk, world.in_care.pk}
    referred = next(row for row in rows if row[0] == str(world.referred.pk))
    assert referred[4] == "31.71" and referred[-2:] == ["medical; visum", "Web form"]


def test_the_export_holds_no_sealed_text(client, world):
    response = download(client, world.admin, region="31", year=this_year(), format="csv")
    text = response.content.decode("utf-8-sig")
    for story in ("Verified story", "Referred story", "Held story", "0812-0000-1111"):
        assert story not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert {row[0] for row in rows[1:]} == {
        str(world.verified.pk),
        str(world.referred.pk),
        str(world.in_care.pk),
    }


def test_each_export_is_audited_with_its_region_period_and_size(client, world):
    before = AuditEntry.objects.filter(action="export").count()
    download(
        client,
        world.case_manager,
        region="31.71",
        year=this_year(),
        month=timezone.localdate().month,
        format="csv",
    )
    entry = AuditEntry.objects.filter(action="export").order_by("-pk").first()
    assert AuditEntry.objects.filter(action="export").count() == before + 1
    assert entry.actor == world.case_manager
    assert entry.detail.startswith("csv region 31.71 period ") and entry.detail.endswith(
        ": 3 reports"
    )


@pytest.mark.parametrize("role", ["officer", "other_officer", "editor", "moderator"])
def test_row_level_export_is_refused_to_every_other_role(client, world, role):
    response = download(
        client, getattr(world, role), region="31.71", year=this_year(), format="csv"
    )
    assert response.status_code in (302, 403)
    assert not AuditEntry.objects.filter(action="export", actor=getattr(world, role)).exists()


def test_the_public_never_gets_rows(client, world):
    response = client.get(reverse("triage_queue:export"), {"year": this_year(), "format": "csv"})
    assert response.status_code == 302
    assert "wagtailadmin_login" in response.url or "/admin/login/" in response.url


def test_the_export_carries_the_case_facts_national_recording_asks_for(client, world):
    from forms.triage import actions

    facts = {
        "violence_kinds": ["physical"],
        "place_category": "household",
        "victim_age_group": "25-44",
        "victim_sex": "female",
        "victim_disability": "yes",
        "victims": 2,
    }
    actions.record_facts(
        world.officer,
        world.verified,
        facts,
        [{"relation": "partner", "sex": "male", "age_group": "25-44"}],
    )
    response = download(client, world.case_manager, region="31.71", year=this_year(), format="csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["Report number"] == str(world.verified.pk))
    assert row["Place"] == "Household (domestic violence)"
    assert row["Number of victims"] == "2"
    assert row["Victim disability"] == "Yes, the victim has a disability"
    assert (
        row["Perpetrators (relation, sex, age group)"]
        == "Partner or spouse / Male / 25 to 44 years"
    )
    assert row["Kind of violence"] == "Physical violence"


def test_the_export_gives_the_district_that_only_a_blind_index_keeps(client, world):
    # The report's region in clear is its regency; the district is sealed, with its
    # keyed index beside it. The export turns the index back into the code.
    assert world.verified.region_id == "31.71" and world.verified.district_index
    response = download(client, world.case_manager, region="31.71", year=this_year(), format="csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["Report number"] == str(world.verified.pk))
    assert (row["Province code"], row["Regency or city code"], row["District code"]) == (
        "31",
        "31.71",
        "31.71.01",
    )


def test_the_export_gives_the_channel_and_the_date_a_recorded_report_came_in(client, world):
    from datetime import datetime

    from forms.models import Report

    came_in = timezone.make_aware(datetime(this_year(), 1, 2, 9))
    Report.objects.filter(pk=world.verified.pk).update(channel="walk_in", received_at=came_in)
    response = download(client, world.case_manager, region="31.71", year=this_year(), format="csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["Report number"] == str(world.verified.pk))
    assert (row["Date received"], row["Channel"]) == (
        f"{this_year()}-01-02",
        "Walk-in at the UPTD PPA desk",
    )
    assert rows[0]["Report number"] == str(world.verified.pk)  # in the order they came in
