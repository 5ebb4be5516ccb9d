"""Staff sessions end after a spell of inactivity."""

import time

import pytest
from django.conf import settings

from portal.security.sessions import LAST_ACTIVITY_KEY
from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


def last_active(client, seconds_ago):
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_a_session_idle_longer_than_the_limit_is_signed_out(client, make_staff):
    sign_in_verified(client, make_staff(groups=["Triage officer"]))
    last_active(client, settings.STAFF_SESSION_IDLE_MINUTES * 60 + 1)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
    # Signed out for good: the next request is a stranger's too.
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_session_used_within_the_limit_stays_open(client, make_staff):
    sign_in_verified(client, make_staff(groups=["Triage officer"]))
    last_active(client, settings.STAFF_SESSION_IDLE_MINUTES * 60 - 60)
    assert client.get("/admin/").status_code == 200
    # ...and using it restarts the clock.
    assert client.session[LAST_ACTIVITY_KEY] >= int(time.time()) - 5


def test_an_idle_staff_member_on_a_public_page_just_becomes_a_reader(client, make_staff, home_page):
    sign_in_verified(client, make_staff("editor", groups=["Editor"]))
    last_active(client, settings.STAFF_SESSION_IDLE_MINUTES * 60 + 1)
    assert client.get("/id/").status_code == 200
    assert "_auth_user_id" not in client.session


def test_readers_get_no_session_cookie(client, home_page):
    response = client.get("/id/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_a_busy_session_still_ends_ten_hours_after_signing_in(client, make_staff):
    from portal.security.sessions import SIGNED_IN_KEY

    sign_in_verified(client, make_staff(groups=["Triage officer"]))
    session = client.session
    # Used every few minutes all day: never idle, signed in eleven hours ago.
    session[SIGNED_IN_KEY] = int(time.time()) - 11 * 3600
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 120
    session.save()
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_within_its_working_day_stays_open(client, make_staff):
    from portal.security.sessions import SIGNED_IN_KEY

    sign_in_verified(client, make_staff(groups=["Triage officer"]))
    session = client.session
    session[SIGNED_IN_KEY] = int(time.time()) - 9 * 3600
    session.save()
    assert client.get("/admin/").status_code == 200
