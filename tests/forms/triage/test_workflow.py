"""The status state machine in forms/triage/workflow.py."""

from datetime import UTC, datetime, timedelta

import pytest

from forms.triage import workflow
from forms.triage.workflow import IllegalTransition, check_transition

LEGAL = [
    ("new", "in_review"),
    ("in_review", "verified"),
    ("in_review", "invalid"),
    ("in_review", "new"),
    ("verified", "referred"),
    ("verified", "in_handling"),
    ("referred", "in_handling"),
    ("in_handling", "resolved"),
    ("referred", "resolved"),
    ("resolved", "closed"),
    ("closed", "in_review"),
    ("invalid", "closed"),
    ("invalid", "in_review"),
]
ILLEGAL = [
    ("new", "closed"),
    ("new", "verified"),
    ("new", "referred"),
    ("in_review", "closed"),
    ("verified", "closed"),
    ("referred", "closed"),
    ("closed", "resolved"),
    ("closed", "new"),
    ("resolved", "new"),
]


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_the_workflow_allows_each_step_of_the_documented_path(current, target):
    check_transition(current, target)


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_the_workflow_refuses_skipping_or_going_backwards(current, target):
    with pytest.raises(IllegalTransition) as error:
        check_transition(current, target)
    assert error.value.current == current and error.value.target == target


def test_the_generic_status_form_offers_only_statuses_without_their_own_action():
    assert workflow.manual_targets("referred") == ["in_handling", "resolved"]
    assert workflow.manual_targets("resolved") == ["closed", "in_handling"]
    assert workflow.manual_targets("closed") == ["in_review"]
    assert workflow.manual_targets("new") == []


def test_first_response_is_due_within_a_day_or_an_hour_for_immediate_danger(settings):
    received = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    assert workflow.due_at("new", False, received) == received + timedelta(hours=24)
    assert workflow.due_at("new", True, received) == received + timedelta(hours=1)
    assert workflow.due_at("closed", True, received) is None
    settings.TRIAGE_DUE_HOURS = {**settings.TRIAGE_DUE_HOURS, "new": 6}
    assert workflow.due_at("new", False, received) == received + timedelta(hours=6)
