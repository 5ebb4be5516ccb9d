"""Staff complete the counted facts of a case: a POST through the one gate, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forms.models import Report
from forms.triage.models import AuditEntry
from tests.forms.triage.conftest import verified_login

pytestmark = pytest.mark.django_db

FACTS = {
    "facts-violence_kinds": ["physical", "psychological"],
    "facts-place_category": "household",
    "facts-victim_age_group": "25-44",
    "facts-victim_sex": "female",
    "facts-victim_disability": "no",
    "facts-victims": "2",
    "perpetrators-TOTAL_FORMS": "2",
    "perpetrators-INITIAL_FORMS": "0",
    "perpetrators-MIN_NUM_FORMS": "0",
    "perpetrators-MAX_NUM_FORMS": "5",
    "perpetrators-0-relation": "partner",
    "perpetrators-0-sex": "male",
    "perpetrators-0-age_group": "25-44",
    "perpetrators-1-relation": "",
    "perpetrators-1-sex": "",
    "perpetrators-1-age_group": "",
}


def post_facts(client, user, report, data=FACTS):
    verified_login(client, user)
    return client.post(reverse("triage_queue:action", args=[report.pk, "record_facts"]), data)


def test_the_holder_records_the_case_facts_and_the_audit_names_what_changed(client, world):
    response = post_facts(client, world.officer, world.held)
    assert response.status_code == 302
    report = Report.objects.get(pk=world.held.pk)
    assert (report.place_category, report.victim_age_group, report.victims) == (
        "household",
        "25-44",
        2,
    )
    assert sorted(report.violence_kinds) == ["physical", "psychological"]
    assert [(p.relation, p.sex, p.age_group) for p in report.perpetrators.all()] == [
        ("partner", "male", "25-44")
    ]
    entry = AuditEntry.objects.filter(report_id=report.pk, action="record_facts").get()
    assert entry.actor == world.officer
    assert "perpetrators" in entry.detail and "household" not in entry.detail


def test_the_panel_shows_the_facts_on_the_case_page(client, world):
    post_facts(client, world.officer, world.held)
    response = client.get(reverse("triage_queue:detail", args=[world.held.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="case-facts"' in html


@pytest.mark.parametrize("role", ["other_officer", "editor"])
def test_no_one_outside_the_case_records_its_facts(client, world, role):
    response = post_facts(client, getattr(world, role), world.held)
    assert response.status_code in (302, 403, 404)
    assert Report.objects.get(pk=world.held.pk).place_category == ""
    assert not AuditEntry.objects.filter(report_id=world.held.pk, action="record_facts").exists()


def test_an_officer_who_does_not_hold_the_report_cannot_change_it(client, world):
    # The fresh report is unclaimed: only its holder (or a case manager) completes it.
    response = post_facts(client, world.officer, world.fresh)
    assert response.status_code in (302, 403)  # Wagtail turns a refusal into a redirect
    assert Report.objects.get(pk=world.fresh.pk).place_category == ""
