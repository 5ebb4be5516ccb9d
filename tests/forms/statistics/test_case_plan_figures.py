"""The figures that come from the case plan: the services units recorded as given,
and how cases closed, against hand counts of reports worked through the real actions."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.utils import translation

from content import statistics
from forms.triage import actions
from tests.forms.conftest import make_report
from tests.forms.statistics.conftest import received
from tests.forms.triage.conftest import build_world

pytestmark = pytest.mark.django_db

JAN = date(2026, 1, 10)


def texts(table):
    return {row.label: [cell.text for cell in row.cells] for row in table.rows}


def handled(world, services, outcome):
    """A January report of Gambir referred to the clinic, given ``services``, closed
    with ``outcome`` (or left open when it is empty)."""
    report = make_report(world.regions["31.71.01.1001"], consent_referral=True)
    received(report, JAN)
    actions.claim(world.officer, report)
    actions.verify(world.officer, report)
    referral = actions.refer(world.officer, report, world.clinic, list(services) or ["medical"])
    actions.accept(world.clinic_staff, referral)
    for kind in services:
        actions.record_service(world.clinic_staff, referral, kind, JAN, "", "")
    if outcome:
        actions.complete(world.clinic_staff, referral, "given")
        actions.change_status(world.officer, report, "resolved")
        actions.close(world.officer, report, outcome, "Done")
    return report


def test_services_given_and_outcomes_match_the_hand_count(private_storage, settings):
    world = build_world()
    settings.STATISTICS_THRESHOLD = 2
    cache.clear()
    for _ in range(3):
        handled(world, ["medical", "visum"], "services_given")
    for _ in range(2):
        handled(world, ["psychological"], "withdrew")
    for _ in range(2):
        handled(world, [], "")
    with translation.override("en"):
        result = statistics.source().figures(
            ["services", "outcome"], "31.71", date(2026, 1, 1), date(2026, 1, 1)
        )
    services = texts(result.tables["services"])
    assert services["Medical care"] == ["3"]
    assert services["Visum (medical-legal examination)"] == ["3"]
    assert services["Psychological support"] == ["2"]
    assert services["No service recorded yet"] == ["2"]
    assert services["All reports"] == ["7"]
    outcomes = texts(result.tables["outcome"])
    assert outcomes["The needed services were given"] == ["3"]
    assert outcomes["The reporter withdrew"] == ["2"]
    assert outcomes["Still being handled, or no outcome recorded"] == ["2"]
