"""Two gunicorn processes on one database and one Redis behave as one portal.

Each process has its own memory: whatever must hold across them (rate-limit counters,
the page cache and its generation counter, staff sessions, login lockouts) lives in
Redis or the database. The test process itself has no Redis configured, so nothing it
does can reach the servers' cache: each effect seen on one server came from the other.
"""

from contextlib import ExitStack

import httpx
import pytest
import redis
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from content.page_cache import HEADER
from tests.processes import gunicorn
from tests.utils import current_totp, form_fields

pytestmark = pytest.mark.processes
PASSWORD = "a long shared-state passphrase"


@pytest.fixture
def portals(redis_server, process_env, complaint_page):
    """Two gunicorn processes sharing the test database and one Redis."""
    redis.Redis.from_url(redis_server.url).flushall()
    env = {
        **process_env,
        "REDIS_URL": redis_server.url,
        "SESSION_ENGINE": "cache",
        "PAGE_CACHE_SECONDS": "300",
        "INTAKE_STATUS_RATE_PER_CLIENT": "3/d",  # no window edge within the test
        "LOGIN_FAILURE_LIMIT": "3",
    }
    with ExitStack() as servers:
        yield [servers.enter_context(gunicorn(env, workers=1, threads=2)) for _ in range(2)]


def csrf_token(client: httpx.Client, url: str) -> str:
    client.get(url).raise_for_status()
    return client.cookies["csrftoken"]


def look_up_receipt(client: httpx.Client, base: str) -> int:
    url = base + "/id/lapor/status/"
    # The page's own form: its CSRF and one-time tokens, as a reporter's browser sends.
    data = {
        **form_fields(client.get(url).text, "form[method=post]"),
        "receipt": "1234 5678 9012 3456",
    }
    return client.post(url, data=data).status_code


def sign_in(client: httpx.Client, base: str, username: str, password: str) -> httpx.Response:
    url = base + "/admin/login/"
    data = {"csrfmiddlewaretoken": csrf_token(client, url), "username": username}
    return client.post(url, data={**data, "password": password}, follow_redirects=True)


def title(response: httpx.Response) -> str:
    return BeautifulSoup(response.text, "html.parser").title.get_text()


def staff_member() -> TOTPDevice:
    user = get_user_model().objects.create_superuser("chief", "chief@agency.example", PASSWORD)
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_a_rate_limit_counted_on_one_process_holds_on_the_other(portals):
    first, second = portals
    with httpx.Client(timeout=30) as client:
        assert [look_up_receipt(client, first) for _ in range(3)] == [404, 404, 404]
        assert look_up_receipt(client, second) == 429


def test_a_login_lockout_on_one_process_holds_on_the_other(portals):
    first, second = portals
    staff_member()
    with httpx.Client(timeout=30) as client:
        for _ in range(3):
            sign_in(client, first, "chief", "wrong password")
        locked = sign_in(client, second, "chief", PASSWORD)
    assert locked.status_code == 429
    assert "/admin/2fa/" not in str(locked.url)


def test_a_staff_session_made_on_one_process_works_on_the_other(portals):
    first, second = portals
    device = staff_member()
    with httpx.Client(timeout=30) as client:
        sign_in(client, first, "chief", PASSWORD)
        verify = first + "/admin/2fa/verify/"
        token = {"csrfmiddlewaretoken": csrf_token(client, verify), "token": current_totp(device)}
        assert client.post(verify, data=token).status_code == 302
        dashboard = client.get(second + "/admin/")
    assert dashboard.status_code == 200
    assert BeautifulSoup(dashboard.text, "html.parser").find(id="wagtail-sidebar") is not None


def test_a_publish_on_one_process_empties_the_page_cache_of_the_other(portals, complaint_page):
    first, second = portals
    device = staff_member()
    home = complaint_page.get_parent().specific
    with httpx.Client(timeout=30) as reader:
        # The first view of a site creates its settings row, which empties the cache.
        reader.get(second + "/id/").raise_for_status()
        assert reader.get(second + "/id/").headers[HEADER] == "miss"
        assert reader.get(second + "/id/").headers[HEADER] == "hit"
        # A draft (saved here, where no Redis is configured) changes nothing yet.
        home.title = "Beranda yang baru"
        home.save_revision()
        cached = reader.get(second + "/id/")
        assert cached.headers[HEADER] == "hit"
        assert "Beranda yang baru" not in title(cached)

        with httpx.Client(timeout=30) as staff:
            sign_in(staff, first, "chief", PASSWORD)
            verify = first + "/admin/2fa/verify/"
            token = current_totp(device)
            staff.post(
                verify, data={"csrfmiddlewaretoken": csrf_token(staff, verify), "token": token}
            )
            publish = f"{first}/admin/bulk/wagtailcore/page/publish/?id={home.pk}&next=/admin/"
            done = staff.post(publish, data={"csrfmiddlewaretoken": csrf_token(staff, publish)})
            assert done.status_code == 302

        fresh = reader.get(second + "/id/")
    assert fresh.headers[HEADER] == "miss"
    assert "Beranda yang baru" in title(fresh)
