"""A SAPA 129 operator in a real browser: the recording form, the idle sign-out that
loses nothing typed, the receipt shown once."""

import re
import time

from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from forms.models import Report
from portal.security.sessions import LAST_ACTIVITY_KEY
from tests.forms.conftest import make_regions
from tests.forms.triage.conftest import PASSWORD, current_token, make_staff

NARRATIVE = "Penelepon: tetangganya memukul anak perempuannya setiap malam."


def sign_in(page, user, device):
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("input[name=token]")).to_be_visible()
    page.fill("input[name=token]", current_token(device))
    page.locator("form.login-form button[type=submit]").click()


def end_the_session_by_idling(page, settings):
    """As if the operator had not touched the portal for longer than the idle limit."""
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=cookie["value"])
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.STAFF_SESSION_IDLE_MINUTES * 60 - 5
    session.save()


def test_text_typed_as_the_session_ends_is_there_after_signing_in_again(
    desktop, demo_site, screenshot, settings
):
    make_regions()
    operator = make_staff("sapa_129", ["Intake operator"])
    page = desktop
    page.goto(demo_site + "/admin/intake/record/")
    sign_in(page, operator, TOTPDevice.objects.get(user=operator))
    expect(page).to_have_url(re.compile(r"/admin/intake/record/$"))

    page.select_option("select[name=channel]", "phone_129")
    page.check("input[name=violence_kinds][value=physical]")
    page.select_option("select[name=province]", "31")
    page.fill("textarea[name=narrative]", NARRATIVE)
    end_the_session_by_idling(page, settings)
    page.get_by_role("button", name=re.compile("Record the report|Catat laporan ini")).click()

    # Signed out: the POST filed nothing, and the sign-in page comes up.
    expect(page.locator("input[name=username]")).to_be_visible()
    assert not Report.objects.filter(recorded_by=operator).exists()
    screenshot(page, "recording-signed-out")
    # A second phone: a TOTP code is accepted only once in its 30 seconds.
    second = TOTPDevice.objects.create(user=operator, name="second phone", confirmed=True)
    sign_in(page, operator, second)

    # Back on the form (a GET, not a 405), with the unsent text restored.
    expect(page).to_have_url(re.compile(r"/admin/intake/record/$"))
    narrative = page.locator("textarea[name=narrative]")
    expect(narrative).to_have_value(NARRATIVE)
    screenshot(page, "recording-text-restored")

    page.select_option("select[name=channel]", "phone_129")
    page.check("input[name=violence_kinds][value=physical]")
    page.select_option("select[name=province]", "31")
    page.get_by_role("button", name=re.compile("Record the report|Catat laporan ini")).click()
    expect(page.locator("#receipt-code")).to_have_text(re.compile(r"^\d{4} \d{4} \d{4} \d{4}$"))
    assert Report.objects.get(recorded_by=operator).narrative == NARRATIVE
    screenshot(page, "recording-receipt")

    # Sent: the draft is gone, and the receipt does not come back.
    page.goto(demo_site + "/admin/intake/record/")
    expect(page.locator("textarea[name=narrative]")).to_have_value("")
    page.go_back()
    expect(page.locator("#receipt-code")).to_have_count(0)
