"""Filing a report and following it up in a real browser, on a 360×740 phone.

The network is closed here, so Google's reCAPTCHA cannot load: with JavaScript, the
browser runs a stand-in for Google's script; without JavaScript, the token is typed
into the noscript fallback's box, as a reporter pastes the code Google's fallback frame
gives; either way the local siteverify stand-in checks it (tests/e2e/captcha.py). A
page whose captcha could not load at all is refused with the text kept
(tests/forms/test_captcha.py).
"""

import re

import pytest
from playwright.sync_api import expect

from forms import receipts
from forms.models import Author, CaptchaState, Message
from tests.e2e.captcha import unreachable_google
from tests.forms.conftest import make_regions

# Each test flushes the database; serialized rollback restores the root page that
# Wagtail's migrations made, so the second test's load_demo finds it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(demo_site, settings, local_siteverify):
    make_regions()
    # The minimum fill time has its own tests; a scripted browser types instantly.
    settings.INTAKE_MIN_FILL_SECONDS = 0
    return demo_site


def file_and_follow_up(page, site, screenshot, *, lang, url, narrative, reply, shots):
    unreachable_google(page)
    page.goto(site + url)
    expect(page.locator("#emergency a[href='tel:112']")).to_be_visible()
    screenshot(page, f"{shots}-form-360x740")

    page.check("input[name=violence_kinds][value=psychological]")
    page.check("input[name=violence_kinds][value=physical]")
    page.select_option("select[name=place_category]", "household")
    page.check("input[name=immediate_danger]")
    # Highlighted at once, by CSS alone (so also without JavaScript).
    expect(page.locator("#emergency")).to_have_css("border-top-width", "3px")
    page.select_option("select[name=province]", "31")
    # Without JavaScript: one step at a time, each a page load; wait for it, or the next
    # answers go to the page being replaced.
    if page.locator(".region-next").is_visible():
        with page.expect_navigation():
            page.click(".region-next")
    page.select_option("select[name=regency]", "31.71")
    if page.locator(".region-next").is_visible():
        with page.expect_navigation():
            page.click(".region-next")
    page.select_option("select[name=district]", "31.71.01")
    page.fill("textarea[name=narrative]", narrative)
    fallback = page.locator("textarea.recaptcha-fallback__answer")
    if fallback.count() and fallback.is_visible():  # without JavaScript: the noscript box
        fallback.fill("pass")
    page.click("button.button--primary")

    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
    expect(page.locator(".emergency--urgent")).to_be_visible()
    screenshot(page, f"{shots}-receipt-360x740")

    report = receipts.find_report(code)
    assert report.language == lang
    assert report.narrative == narrative
    assert (report.region_id, report.precise_region) == ("31.71", "31.71.01")
    assert report.immediate_danger
    assert report.captcha_state == CaptchaState.PASSED
    Message.objects.create(report=report, author=Author.STAFF, body="Kami akan menelepon besok.")

    page.click("a.button--secondary")  # "Follow your report"
    page.fill("input[name=receipt]", code)
    page.click("button.button--primary")
    expect(page.locator(".message--staff")).to_contain_text("Kami akan menelepon besok.")
    page.fill("textarea[name=body]", reply)
    page.click(".reply-form button")
    expect(page.locator(".message--reporter")).to_contain_text(reply)
    screenshot(page, f"{shots}-status-360x740")
    assert report.messages.filter(author=Author.REPORTER).get().body == reply


def test_a_report_in_indonesian_with_javascript(phone, site, screenshot):
    file_and_follow_up(
        phone,
        site,
        screenshot,
        lang="id",
        url="/id/lapor/",
        narrative="Saya dibentak dan dikunci di kamar oleh suami.",
        reply="Terima kasih, saya bisa ditelepon jam 10.",
        shots="complaint-id",
    )


def test_a_report_in_english_without_javascript(browser, site, screenshot):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, is_mobile=True
    )
    page = context.new_page()
    try:
        file_and_follow_up(
            page,
            site,
            screenshot,
            lang="en",
            url="/en/report/",
            narrative="My neighbour's child is locked outside every night.",
            reply="I can add photos later.",
            shots="complaint-en-nojs",
        )
    finally:
        context.close()
