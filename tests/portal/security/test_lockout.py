"""Throttled staff logins through the real admin login form (django-axes)."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "the right staff passphrase"
OFFICE = "203.0.113.10"
ATTACKER = "198.51.100.66"


def attempt(username, password, address, client=None):
    """POST the admin login form from ``address``; True when it signed in."""
    client = client or Client()
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )
    return response


def signs_in(username, address) -> bool:
    response = attempt(username, PASSWORD, address)
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def colleagues(make_staff):
    return make_staff("siti", groups=["Editor"], password=PASSWORD), make_staff(
        "budi", groups=["Editor"], password=PASSWORD
    )


def fail_until_locked(username, address):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(username, "a wrong guess", address)


def test_repeated_wrong_passwords_lock_that_user_from_that_address(colleagues):
    fail_until_locked("siti", ATTACKER)
    response = attempt("siti", PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "portal/security/locked_out.html" in [t.name for t in response.templates]


def test_the_real_user_still_signs_in_from_another_address(colleagues):
    fail_until_locked("siti", ATTACKER)
    assert signs_in("siti", OFFICE)


def test_other_users_still_sign_in_from_the_attackers_address(colleagues):
    fail_until_locked("siti", ATTACKER)
    assert signs_in("budi", ATTACKER)


def test_spraying_every_username_locks_out_nobody_at_the_office(colleagues):
    for username in ("siti", "budi"):
        fail_until_locked(username, ATTACKER)
    assert signs_in("siti", OFFICE)
    assert signs_in("budi", OFFICE)


def test_fewer_failures_than_the_limit_then_success_resets_the_count(colleagues):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt("siti", "a wrong guess", OFFICE)
    assert signs_in("siti", OFFICE)
    assert not AccessAttempt.objects.filter(username="siti").exists()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt("siti", "a wrong guess", OFFICE)
    assert signs_in("siti", OFFICE)


def test_the_lock_lifts_after_the_cool_off(colleagues):
    fail_until_locked("siti", ATTACKER)
    assert not signs_in("siti", ATTACKER)
    # The failures as they would look once the cool-off has passed.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - settings.AXES_COOLOFF_TIME
    )
    assert signs_in("siti", ATTACKER)


def test_a_locked_out_request_does_not_reach_the_password_check(colleagues):
    fail_until_locked("siti", ATTACKER)
    # Even the right password is refused: guessing on cannot confirm a hit.
    assert attempt("siti", PASSWORD, ATTACKER).status_code == 429


def test_public_pages_record_no_address(client, home_page):
    client.get("/id/", REMOTE_ADDR=ATTACKER)
    client.get("/id/tidak-ada/", REMOTE_ADDR=ATTACKER)
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()


def test_successful_staff_logins_are_not_logged_with_their_address(colleagues):
    assert signs_in("siti", OFFICE)
    assert not AccessLog.objects.exists()


def test_behind_a_proxy_the_address_comes_from_the_trusted_hop(colleagues, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(HTTP_X_FORWARDED_FOR=f"10.9.9.9, {ATTACKER}")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("siti", "a wrong guess", "10.0.0.1", client=client)
    # The attacker forging a different left-most address changes nothing...
    forged = Client(HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}")
    assert attempt("siti", PASSWORD, "10.0.0.1", client=forged).status_code == 429
    # ...while the office, behind the same proxy, is a different client.
    office = Client(HTTP_X_FORWARDED_FOR=OFFICE)
    response = attempt("siti", PASSWORD, "10.0.0.1", client=office)
    assert response.status_code == 302


def signed_in_before(username):
    """A browser that signed in to ``username`` once and was signed out (it keeps the
    known-device cookie, as a browser does)."""
    desk = Client()
    assert attempt(username, PASSWORD, OFFICE, client=desk).status_code == 302
    known = desk.cookies["portal_known_device"]
    desk.logout()
    desk.cookies["portal_known_device"] = known.value
    return desk


def test_a_hundred_wrong_passwords_from_one_ipv6_network_lock_the_account(colleagues):
    desk = signed_in_before("siti")
    for n in range(100):
        attempt("siti", "a wrong guess", f"2001:db8:77:1::{n:x}")
    # Another address of the same /64: still the same attacker.
    assert attempt("siti", PASSWORD, "2001:db8:77:1::beef").status_code == 429
    assert attempt("siti", PASSWORD, OFFICE, client=desk).status_code == 302


def test_many_networks_guessing_one_username_are_stopped_by_its_own_limit(colleagues, settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 12
    for network in range(4):  # four networks, each under the per-origin limit
        for n in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt("siti", "a wrong guess", f"2001:db8:{network}::{n}")
    assert attempt("siti", PASSWORD, "2001:db8:99::1").status_code == 429
    # The same spray against every username stops the spray, not the staff who signed
    # in from this browser before.
    assert signs_in("budi", OFFICE)


def test_a_browser_that_signed_in_before_is_not_held_to_the_username_limit(colleagues, settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 8
    desk = signed_in_before("siti")
    for network in range(3):
        for n in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt("siti", "a wrong guess", f"2001:db8:{network}::{n}")
    assert attempt("siti", PASSWORD, "198.51.100.200").status_code == 429
    assert attempt("siti", PASSWORD, OFFICE, client=desk).status_code == 302


def test_an_ipv4_client_of_a_dual_stack_listener_is_locked_as_itself(colleagues):
    fail_until_locked("siti", f"::ffff:{ATTACKER}")
    assert attempt("siti", PASSWORD, ATTACKER).status_code == 429
    assert signs_in("siti", OFFICE)
