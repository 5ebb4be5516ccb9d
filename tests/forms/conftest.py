"""Fixtures for the complaint suites: a small region tree and a report factory."""

import re
import time

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage

from content.models import Region
from forms.intake import started_token
from forms.models import Attachment, CaptchaState, ComplaintPage, Report
from tests.siteverify import SiteVerify

REGION_TREE = [
    # code, name, level, parent
    ("31", "DKI Jakarta", 1, None),
    ("31.71", "Kota Jakarta Pusat", 2, "31"),
    ("31.71.01", "Gambir", 3, "31.71"),
    ("31.71.01.1001", "Gambir", 4, "31.71.01"),
    ("31.71.01.1002", "Cideng", 4, "31.71.01"),
    ("31.71.02", "Sawah Besar", 3, "31.71"),
    ("35", "Jawa Timur", 1, None),
    ("35.78", "Kota Surabaya", 2, "35"),
]


def make_regions():
    for code, name, level, parent in REGION_TREE:
        Region.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent}
        )


@pytest.fixture
def regions(db):
    make_regions()
    return {region.code: region for region in Region.objects.all()}


_counter = iter(range(10**9))


def make_report(region, kinds=("physical",), **fields) -> Report:
    """A saved report with a unique receipt digest and the given sealed/clear fields."""
    fields.setdefault("captcha_state", CaptchaState.PASSED)
    fields.setdefault("receipt_digest", f"test-digest-{next(_counter):020d}")
    report = Report(**fields)
    report.set_region(region)  # as filing does: the regency in clear, the rest sealed
    report.save()
    report.set_violence_kinds(kinds)
    return report


@pytest.fixture
def report_factory(regions):
    def build(region_code="31.71.01.1001", **fields):
        return make_report(regions[region_code], **fields)

    return build


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    """Evidence files go to a real directory of this test's own (never the worktree's)."""
    location = tmp_path / "private"
    location.mkdir()
    field = Attachment._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=location, base_url=None))
    return location


@pytest.fixture(autouse=True)
def untranslated_interface(settings):
    """These tests check the complaint rules and protections, and read the answers by
    their English msgids. Without the portal's own catalogues an Indonesian page shows
    those msgids; the Indonesian wording itself is checked by the catalogue test
    (tests/portal/test_catalogues.py) and the browser tests.
    """
    settings.LOCALE_PATHS = []


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def complaint_page(home_page, regions):
    """The complaint page at /id/lapor/ below the Indonesian home."""
    page = ComplaintPage(
        title="Laporkan kekerasan",
        slug="lapor",
        intro="<p>Laporkan tanpa nama.</p>",
        safety_advice="<p>Gunakan ponsel yang aman.</p>",
        next_steps="<p>Petugas membaca dalam 1×24 jam.</p>",
    )
    home_page.add_child(instance=page)
    return page


def valid_answers(**overrides) -> dict:
    """A complete, valid POST of the complaint form, filled a minute ago, with a fresh
    one-time token (each call gives a new one)."""
    data = {
        "violence_kinds": ["physical", "psychological"],
        "immediate_danger": "",
        "reporter_role": "victim",
        "victim_age_group": "25-44",
        "victim_sex": "female",
        "province": "31",
        "regency": "31.71",
        "district": "31.71.01",
        "village": "31.71.01.1002",
        "place": "Rumah kontrakan di gang Melati",
        "approximate_date": "Sekitar dua minggu lalu",
        "narrative": "Suami saya memukul saya ketika marah, sudah tiga kali bulan ini.",
        "perpetrator_relation": "Suami",
        "website": "",
        "started": started_token(time.time() - 60),
        # The local siteverify stand-in (the siteverify fixture) says yes to "pass".
        "g-recaptcha-response": "pass",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def submit(client, complaint_page, siteverify):
    """POST the complaint form (valid unless overridden) as a browser does, following
    the redirect after success; returns the last response (the receipt page, 200)."""

    def post(files=None, **overrides):
        data = valid_answers(**overrides)
        if files:
            data["evidence"] = files
        return client.post(complaint_page.url, data, follow=True, **CLIENT_META)

    return post


def filed(response) -> bool:
    """Whether a (followed) complaint POST ended on the receipt page after a 303."""
    chain = getattr(response, "redirect_chain", [])
    return response.status_code == 200 and bool(chain) and chain[0][1] == 303


def receipt_code(response) -> str:
    """The receipt code a receipt page shows, digits only."""
    match = re.search(r'id="receipt-code">([\d ]+)<', response.content.decode())
    assert match, "no receipt code on the page"
    return match.group(1).replace(" ", "")


def once_token() -> str:
    """A fresh one-time token, as the follow-up page's forms carry."""
    return started_token()


def open_status(client, code, **extra):
    """POST the follow-up page's look-up (or, with ``action="reply"``, a reply) with a
    fresh one-time token, following the redirect after a reply."""
    data = {"receipt": code, "once": once_token(), **extra}
    return client.post("/id/lapor/status/", data, follow=True, **CLIENT_META)


# What a reporter's browser reveals about them: none of it may be kept or logged.
CLIENT_META = {
    "REMOTE_ADDR": "203.0.113.77",
    "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 9; Distinctive-Phone-X1)",
    "HTTP_REFERER": "https://referrer.example/came-from-here",
    "HTTP_X_FORWARDED_FOR": "198.51.100.23",
}


@pytest.fixture(scope="session")
def siteverify_server():
    server = SiteVerify.start()
    yield server
    server.stop()


@pytest.fixture
def siteverify(siteverify_server, settings, monkeypatch):
    """Point django-recaptcha at the local stand-in (over TLS) for this test."""
    settings.RECAPTCHA_DOMAIN = siteverify_server.domain
    settings.RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 1
    monkeypatch.setenv("SSL_CERT_FILE", str(siteverify_server.cert_file))
    siteverify_server.requests.clear()
    return siteverify_server
