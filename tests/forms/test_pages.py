"""The complaint page as a Wagtail page: routes, CSP, the demo content."""

from django.core.management import call_command
from wagtail.models import Locale

from content.models import HomePage
from forms.models import ComplaintPage


def csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part for part in policy.split("; ")}


def test_only_the_form_page_allows_recaptcha_in_its_csp(client, complaint_page):
    form = csp(client.get(complaint_page.url))
    assert "https://www.google.com/recaptcha/" in form["script-src"]
    assert "https://www.gstatic.com/recaptcha/" in form["script-src"]
    assert "https://www.google.com/recaptcha/" in form["frame-src"]
    for url in ("/id/", complaint_page.url + "status/"):
        policy = client.get(url).headers["Content-Security-Policy"]
        assert "google" not in policy and "gstatic" not in policy, url


def test_the_status_page_loads_no_recaptcha(client, complaint_page):
    html = client.get(complaint_page.url + "status/").content.decode()
    assert "recaptcha" not in html
    assert 'name="receipt"' in html


def test_the_page_lives_only_below_a_home_page_and_has_no_children():
    assert ComplaintPage.parent_page_types == ["content.HomePage"]
    assert ComplaintPage.subpage_types == []


def test_demo_puts_the_page_at_the_contract_urls_in_both_languages(client, locales, regions):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent: nothing duplicated
    assert ComplaintPage.objects.count() == 2
    english = Locale.objects.get(language_code="en")
    assert HomePage.objects.filter(locale=english).count() == 1
    for url, words in [
        ("/id/lapor/", "Laporkan kekerasan"),
        ("/en/report/", "Report violence"),
        ("/id/lapor/status/", "receipt"),
        ("/en/report/status/", "receipt"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert words in response.content.decode(), url
