"""The public URL contract and the safety headers every page carries."""

import pytest

pytestmark = pytest.mark.django_db


def test_root_redirects_to_indonesian_home_whatever_the_browser_language(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/id/"


def test_indonesian_home_page_is_served_under_its_prefix(client, home_page):
    response = client.get("/id/")
    assert response.status_code == 200
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_english_prefix_is_served(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_unknown_public_path_is_a_404(client, home_page):
    assert client.get("/id/tidak-ada/").status_code == 404


def test_admin_asks_anonymous_visitors_to_log_in(client, home_page):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_public_page_sends_privacy_and_security_headers(client, home_page):
    response = client.get("/id/")
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_reading_a_public_page_sets_no_cookie(client, home_page):
    response = client.get("/id/")
    assert response.cookies == {}
    assert "Set-Cookie" not in response


def test_api_lists_published_pages(client, home_page):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert "Satu Layanan" in titles


def test_sitemap_lists_the_home_page(client, home_page):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/id/" in response.content.decode()
