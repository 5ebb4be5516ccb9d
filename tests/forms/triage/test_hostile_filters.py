"""The queue's filters with values a person never picks: a clear page, never a 500."""

import pytest
from django.test import Client

from tests.forms.triage.conftest import verified_login

pytestmark = pytest.mark.django_db

QUEUE = "/admin/triage/reports/"


@pytest.mark.parametrize(
    "query",
    [
        {"priority": "abc"},
        {"assignee": "abc"},
        {"priority": ["2", "abc"]},
        {"assignee": "99999999999999999999999"},
        {"region": "abc"},
        {"status": "nonsense"},
    ],
)
@pytest.mark.parametrize("page", [QUEUE, QUEUE + "results/"])
@pytest.mark.parametrize("who", ["case_manager", "officer"])
def test_a_filter_value_that_is_not_a_choice_answers_without_a_server_error(
    world, query, page, who
):
    client = verified_login(Client(), getattr(world, who))
    response = client.get(page, query)
    assert response.status_code in {200, 400}


def test_the_queue_still_lists_reports_when_one_filter_value_is_bad(world):
    client = verified_login(Client(), world.case_manager)
    response = client.get(QUEUE, {"priority": "abc"})
    assert response.status_code == 200
