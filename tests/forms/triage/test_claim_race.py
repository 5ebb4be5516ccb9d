"""Two officers claiming the same report at the same moment never both win.

Real concurrency: two threads, each with its own database connection, released
together by a barrier, each running the claim in its own transaction. Only
PostgreSQL runs writers concurrently; SQLite serialises every write transaction
(the portal opens them IMMEDIATE), so the race cannot happen there.
"""

import threading

import pytest
from django.db import connection, connections

from forms.triage import actions
from forms.triage.models import AuditEntry, Case
from tests.forms.conftest import make_regions, make_report
from tests.forms.triage.conftest import make_staff

pytestmark = [
    # Serialized rollback, as every transactional test here: a plain flush leaves
    # re-created content types that the next restoring test would collide with.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: the race needs PostgreSQL (run with --db=postgres)",
    ),
]

ROUNDS = 10


def race(officers, report):
    barrier = threading.Barrier(len(officers))
    outcomes = {}

    def attempt(officer):
        try:
            barrier.wait(timeout=10)
            actions.claim(officer, report.__class__.objects.get(pk=report.pk))
            outcomes[officer.username] = "won"
        except actions.AlreadyClaimed:
            outcomes[officer.username] = "lost"
        except Exception as error:  # reported by the assertion, not lost in a thread
            outcomes[officer.username] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(officer,)) for officer in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_officers_claiming_at_once_exactly_one_wins():
    make_regions()
    from content.models import Region

    region = Region.objects.get(code="31.71")
    officers = [make_staff(f"racer{n}", ["Triage officer"], [region], otp=False) for n in range(2)]
    for _round in range(ROUNDS):
        report = make_report(Region.objects.get(code="31.71.01.1001"))
        outcomes = race(officers, report)
        assert sorted(outcomes.values()) == ["lost", "won"], outcomes
        winner = next(name for name, outcome in outcomes.items() if outcome == "won")
        case = Case.objects.select_related("assignee").get(report=report)
        assert case.assignee.username == winner
        claims = AuditEntry.objects.filter(report_id=report.pk, action="claim")
        assert [entry.actor.username for entry in claims] == [winner]
        report.refresh_from_db()
        assert report.status == "in_review"
