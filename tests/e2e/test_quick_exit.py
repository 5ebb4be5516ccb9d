"""Quick exit, by button and by the Escape key: the portal is gone, and Back does not return.

The destination is a neutral page on another origin of the live server (the network is
closed in tests): ``http://127.0.0.1:<port>/healthz`` while the portal is served as
``http://localhost:<port>``.
"""

import pytest
from wagtail.models import Site

from content.models import SiteSettings

CAMPAIGN = "/id/kampanye/berani-bicara/"


@pytest.fixture
def neutral_site(demo_site):
    neutral = demo_site.replace("localhost", "127.0.0.1") + "/healthz"
    assert neutral != demo_site + "/healthz", "the neutral page must be another origin"
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = neutral
    settings.save()
    return neutral


def on_portal(page) -> bool:
    return page.url.startswith("http://localhost")


def test_quick_exit_button_replaces_the_page_and_back_does_not_return(
    phone, demo_site, neutral_site
):
    phone.goto(demo_site + "/id/")
    phone.goto(demo_site + CAMPAIGN)
    entries = phone.evaluate("history.length")
    phone.locator("[data-quick-exit]").click()
    phone.wait_for_url(neutral_site)
    # Replaced, not followed: the campaign page is no longer in the history.
    assert phone.evaluate("history.length") == entries
    # Back reaches the home page opened before, which sends the reader away again
    # before it is painted.
    phone.go_back()
    phone.wait_for_url(neutral_site)
    assert not on_portal(phone)
    assert "Satu Layanan" not in phone.content()


def test_escape_key_leaves_and_leaves_no_way_back(phone, demo_site, neutral_site):
    phone.goto(demo_site + CAMPAIGN)
    entries = phone.evaluate("history.length")
    phone.keyboard.press("Escape")
    phone.wait_for_url(neutral_site)
    assert phone.evaluate("history.length") == entries
    phone.go_back()  # to the browser's blank start page, never to the campaign
    assert not on_portal(phone)


def test_portal_opened_again_after_a_quick_exit_works_normally(phone, demo_site, neutral_site):
    phone.goto(demo_site + CAMPAIGN)
    phone.keyboard.press("Escape")
    phone.wait_for_url(neutral_site)
    phone.goto(demo_site + CAMPAIGN)  # typed again: a new visit, not a way back
    assert on_portal(phone)
    assert phone.locator("h1").inner_text() == "Berani Bicara"


def test_quick_exit_without_javascript_is_a_plain_link_to_the_neutral_site(
    browser, demo_site, neutral_site
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + CAMPAIGN)
    page.locator("[data-quick-exit]").click()
    page.wait_for_url(neutral_site)
    context.close()
