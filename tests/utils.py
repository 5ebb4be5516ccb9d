"""Helpers shared by the suites."""

import re
from datetime import timedelta

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.files import make_pdf  # noqa: F401 (shared with the benchmarks, which have no Django)
from tests.processes import free_port

# A loopback port where nothing listens: the real clients really fail to connect.
CLOSED = free_port()
UNREACHABLE_REDIS = f"redis://127.0.0.1:{CLOSED}/0"
# The production cache settings (django-redis, errors become misses) pointed at it.
UNREACHABLE_REDIS_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": UNREACHABLE_REDIS,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
}


def current_totp(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows right now for ``device``."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def phone_with_fresh_code(user) -> TOTPDevice:
    """A confirmed TOTP device of ``user`` whose current code has not been used yet.

    A code is accepted once: a second sign-in in the same 30 seconds uses a second
    phone, as a person signing in on two computers would.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
        if device.last_t < now:
            return device
    return TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)


def sign_in_verified(client, user) -> TOTPDevice:
    """Sign ``user`` in to the admin and pass the second factor with a real TOTP code.

    The password step is skipped (force_login); the code goes through the portal's
    verification view, so the session ends up exactly as a staff member's would.
    """
    client.force_login(user)
    device = phone_with_fresh_code(user)
    response = client.post(reverse("two_factor:verify"), {"token": current_totp(device)})
    assert response.status_code == 302, "the second factor was refused"
    return device


def browser_sign_in(page, base_url: str, user, password: str, start: str) -> None:
    """In a real browser: open ``start``, sign in with the password, give the code the
    user's authenticator app shows now, and land on ``start``."""
    from playwright.sync_api import expect

    page.goto(base_url + start)
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page.locator("input[name=token]")).to_be_visible()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.fill("input[name=token]", current_totp(device))
    page.locator("form.login-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(start) + "$"))


def parse_html(html) -> BeautifulSoup:
    """A rendered page as a document to query with CSS selectors (``select``)."""
    if isinstance(html, bytes):
        html = html.decode()
    return BeautifulSoup(html, "html.parser")


def texts(document, selector: str) -> list[str]:
    """The text of every element ``selector`` matches, in page order, as a reader sees
    it: elements apart by one space, none before punctuation."""
    return [
        re.sub(r"\s([:;,.)])", r"\1", " ".join(element.get_text(" ").split()))
        for element in document.select(selector)
    ]


def hreflang_alternates(html: str) -> dict[str, str]:
    """The ``<link rel="alternate" hreflang>`` of a page's head, by language code."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def language_switcher_links(html: str) -> dict[str, str]:
    """The links of the page's language switcher, by language code (the current
    language is a label, not a link)."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert nav, "no language switcher on the page"
    return {
        lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([\w-]+)"', nav[0])
    }


def cache_directives(response) -> dict[str, str | bool]:
    """A response's ``Cache-Control`` as a dict: ``{"public": True, "s-maxage": "600"}``."""
    found = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name.lower()] = value or True
    return found


def form_fields(html: str, selector: str) -> dict[str, str]:
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    assert form is not None, selector
    return {
        field["name"]: field.get("value", "") for field in form.select("input[type=hidden][name]")
    }


def recording_answers(**overrides) -> dict:
    """A complete recording, as an operator fills it in during a call."""
    from forms.models import Channel

    data = {
        "channel": Channel.PHONE_129,
        "received_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "referring_agency": "",
        "violence_kinds": ["physical"],
        "reporter_role": "family",
        "victim_age_group": "13-17",
        "victim_sex": "female",
        "province": "31",
        "regency": "31.71",
        "district": "31.71.01",
        "village": "31.71.01.1002",
        "narrative": "Ibu penelepon: anaknya dipukul ayah tirinya tadi malam.",
        "immediate_danger": "on",
        "action": "save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
