"""The rate limits as an attacker meets them: no client can use a limit up for others."""

import time

import pytest
from django.test import Client

from forms.models import Report
from tests.forms.conftest import receipt_code, valid_answers

PROXY = "10.0.0.5"


def junk(client, page, **meta):
    """An empty POST with a reused CSRF token (what the attacker sent twice a second)."""
    return client.post(page.url, {"csrfmiddlewaretoken": "reused"}, **meta)


def test_junk_posts_from_one_client_do_not_use_up_everyones_limit(
    settings, complaint_page, siteverify
):
    settings.INTAKE_RATE_GLOBAL = "3/m"
    attacker = Client()
    answers = [junk(attacker, complaint_page, REMOTE_ADDR="198.51.100.66") for _ in range(12)]
    assert {r.status_code for r in answers} <= {400, 429}
    reporter = Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR="203.0.113.7")
    assert reporter.status_code == 303
    assert Report.objects.count() == 1


def test_a_client_over_its_own_limit_does_not_count_against_everyone(
    settings, complaint_page, siteverify
):
    settings.INTAKE_RATE_PER_CLIENT = "2/h"
    settings.INTAKE_RATE_GLOBAL = "3/m"
    attacker = Client()
    statuses = [
        attacker.post(complaint_page.url, valid_answers(), REMOTE_ADDR="198.51.100.66").status_code
        for _ in range(8)
    ]
    assert statuses == [303, 303] + [429] * 6
    reporter = Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR="203.0.113.7")
    assert reporter.status_code == 303
    assert Report.objects.count() == 3


def test_behind_a_proxy_each_reporter_has_a_bucket_of_their_own(
    settings, complaint_page, siteverify
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.INTAKE_RATE_PER_CLIENT = "10/h"
    attacker = Client()
    for _ in range(10):
        junk(attacker, complaint_page, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    # The attacker cannot pick another bucket by sending an X-Forwarded-For of its own.
    spoofed = junk(
        attacker, complaint_page, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.66"
    )
    assert spoofed.status_code == 429
    reporter = Client().post(
        complaint_page.url, valid_answers(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert reporter.status_code == 303
    assert Report.objects.count() == 1


def test_behind_a_proxy_wrong_codes_lock_out_only_the_guesser(settings, submit, client):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.INTAKE_STATUS_RATE_PER_CLIENT = "20/h"
    code = receipt_code(submit())
    guesser = Client()
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for n in range(21):
        guesser.post("/id/lapor/status/", {"receipt": f"{n:016d}"}, **meta)
    data = {"receipt": code, "once": valid_answers()["started"]}
    reporter = Client().post(
        "/id/lapor/status/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert reporter.status_code == 200


@pytest.mark.parametrize("second", ["::ffff:192.0.2.2", "192.0.2.2"])
def test_ipv4_clients_of_a_dual_stack_listener_are_counted_one_by_one(
    settings, complaint_page, siteverify, second
):
    settings.INTAKE_RATE_PER_CLIENT = "1/h"
    first = Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR="::ffff:192.0.2.1")
    other = Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR=second)
    again = Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR="192.0.2.1")
    assert (first.status_code, other.status_code, again.status_code) == (303, 303, 429)


def test_a_test_slowed_across_a_window_edge_still_meets_its_limit(
    settings, complaint_page, siteverify, monkeypatch
):
    """The rig (tests/conftest.py) holds django-ratelimit's window clock for each test.
    Here a minute passes between the third post and the fourth, as a loaded machine
    can make it: the limit still holds, where a moving window clock starts afresh
    (``[303, 303, 303, 303, 303]``)."""
    settings.INTAKE_RATE_GLOBAL = "3/m"
    real, shift = time.time, [0.0]
    monkeypatch.setattr(time, "time", lambda: real() + shift[0])
    statuses = []
    for n in range(1, 6):
        answer = Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR=f"192.0.2.{n}")
        statuses.append(answer.status_code)
        shift[0] += 57 if n == 3 else 1  # under the counters' 65 s lifetime in the cache
    assert statuses == [303, 303, 303, 429, 429]
