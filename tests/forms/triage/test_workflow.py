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
    # Closing asks an outcome and a reason, reopening is its own action too.
    assert workflow.manual_targets("resolved") == ["in_handling"]
    assert workflow.manual_targets("closed") == []
    assert workflow.manual_targets("new") == []
    assert workflow.may_close("resolved") and workflow.may_close("invalid")
    assert not workflow.may_close("referred")
    assert workflow.may_reopen("closed") and workflow.may_reopen("invalid")
    assert not workflow.may_reopen("resolved")


REFERRAL_LEGAL = [
    ("sent", "accepted"),
    ("sent", "declined"),
    ("sent", "revoked"),
    ("accepted", "done"),
    ("accepted", "revoked"),
]
REFERRAL_ILLEGAL = [
    ("sent", "done"),  # done only once accepted
    ("accepted", "declined"),  # an accepted referral is completed or revoked
    ("declined", "accepted"),
    ("revoked", "accepted"),
    ("done", "revoked"),
    ("revoked", "revoked"),
]


@pytest.mark.parametrize(("current", "target"), REFERRAL_LEGAL)
def test_a_referral_moves_as_primeros_do(current, target):
    workflow.check_referral_transition(current, target)


@pytest.mark.parametrize(("current", "target"), REFERRAL_ILLEGAL)
def test_a_referral_cannot_skip_its_answer_or_come_back_from_its_end(current, target):
    with pytest.raises(IllegalTransition):
        workflow.check_referral_transition(current, target)


def test_a_unit_must_answer_sooner_when_someone_is_in_danger(settings):
    settings.REFERRAL_RESPONSE_HOURS, settings.REFERRAL_DANGER_RESPONSE_HOURS = 72, 4
    sent = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    assert workflow.referral_due_at(False, sent) == sent + timedelta(hours=72)
    assert workflow.referral_due_at(True, sent) == sent + timedelta(hours=4)


def test_first_response_is_due_within_a_day_or_an_hour_for_immediate_danger(settings):
    received = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    assert workflow.due_at("new", False, received) == received + timedelta(hours=24)
    assert workflow.due_at("new", True, received) == received + timedelta(hours=1)
    assert workflow.due_at("closed", True, received) is None
    settings.TRIAGE_DUE_HOURS = {**settings.TRIAGE_DUE_HOURS, "new": 6}
    assert workflow.due_at("new", False, received) == received + timedelta(hours=6)
