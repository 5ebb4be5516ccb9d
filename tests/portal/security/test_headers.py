"""Security headers on public and admin responses, as a browser receives them."""

import re

import pytest
from django.urls import reverse

from tests.portal.test_settings import PRODUCTION, start
from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


def csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def test_public_pages_allow_no_inline_script_or_foreign_source(client, home_page):
    response = client.get("/id/")
    policy = csp(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_public_pages_contain_no_inline_script_style_or_handler(client, home_page):
    html = client.get("/id/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"\sstyle=", html), "inline style attribute"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.parametrize("path", ["/id/", "/en/", "/id/tidak-ada/"])
def test_public_responses_carry_the_privacy_headers(client, home_page, path):
    response = client.get(path)
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_login_page_is_not_framable_and_not_sniffable(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Same-origin, not no-referrer: a form POST must carry its Origin for the CSRF
    # check, and nothing still leaves for another site.
    assert response["Referrer-Policy"] == "same-origin"


def test_admin_pages_of_a_signed_in_staff_member_carry_the_headers(client, make_staff):
    sign_in_verified(client, make_staff(groups=["Administrator"]))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_sends_hsts_and_redirects_plain_http():
    code = (
        "from django.test import Client; c = Client(); "
        "s = c.get('/', secure=True, HTTP_HOST='lapor.example.go.id'); "
        "p = c.get('/id/', HTTP_HOST='lapor.example.go.id'); "
        "print(s['Strict-Transport-Security']); print(p.status_code, p['Location'])"
    )
    result = start(dict(PRODUCTION, DATABASE_URL="sqlite:////tmp/hsts-check.sqlite3"), code)
    assert result.returncode == 0, result.stderr
    hsts, redirect = result.stdout.strip().splitlines()[-2:]
    assert hsts.startswith("max-age=31536000")
    assert "includeSubDomains" in hsts
    assert redirect == "301 https://lapor.example.go.id/id/"


def test_the_admin_has_a_content_security_policy_of_its_own(client, make_staff):
    sign_in_verified(client, make_staff(superuser=True))
    for response in (client.get("/admin/"), client.get(reverse("wagtailadmin_login"))):
        policy = csp(response)
        assert policy["default-src"] == "'self'"
        assert policy["connect-src"] == "'self'" and policy["form-action"] == "'self'"
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
        assert "https:" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("query", ["?q=kdrt+suami", "?near=-6.175,106.828"])
def test_a_url_carrying_a_search_or_a_location_is_never_stored(client, home_page, query):
    response = client.get("/id/" + query)
    assert "no-store" in response["Cache-Control"]


def test_a_plain_public_page_may_still_be_cached(client, home_page):
    assert "no-store" not in client.get("/id/").get("Cache-Control", "")


def test_an_unauthenticated_oversized_admin_post_is_refused_before_it_is_read(
    client, settings, home_page
):
    settings.PUBLIC_MAX_REQUEST_BYTES = 50_000
    body = {"username": "admin", "password": "x" * 60_000}
    response = client.post(reverse("wagtailadmin_login"), body)
    assert response.status_code == 413


def test_signed_in_staff_may_post_more_than_the_public_cap(client, settings, make_staff):
    settings.PUBLIC_MAX_REQUEST_BYTES = 50_000
    sign_in_verified(client, make_staff(superuser=True))
    response = client.post("/admin/pages/search/", {"q": "x" * 60_000})
    assert response.status_code != 413
