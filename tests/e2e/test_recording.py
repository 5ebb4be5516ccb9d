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


def test_a_phone_report_is_followed_up_and_nothing_waits_unseen(
    browser, demo_site, screenshot, settings
):
    from django.core import mail

    from content.models import Region
    from forms.triage.models import Case

    make_regions()
    regions = {region.code: region for region in Region.objects.all()}
    operator = make_staff("sapa_phone", ["Intake operator"])
    holder = make_staff(
        "siti_holder",
        ["Triage officer"],
        [regions["31.71"]],
        on_duty=True,
        email="siti@agency.example",
    )
    make_staff("case_manager_e2e", ["Case manager"], email="manager@agency.example")

    # The SAPA 129 operator records the call and reads the code out.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.goto(demo_site + "/admin/intake/record/")
    sign_in(desk, operator, TOTPDevice.objects.get(user=operator))
    desk.select_option("select[name=channel]", "phone_129")
    desk.check("input[name=violence_kinds][value=psychological]")
    desk.select_option("select[name=province]", "31")
    desk.locator("button[name=action][value=regions]").click()
    desk.select_option("select[name=regency]", "31.71")
    desk.fill("textarea[name=narrative]", NARRATIVE)
    desk.locator("button[name=action][value=save]").click()
    code = desk.locator("#receipt-code").inner_text()
    screenshot(desk, "phone-report-receipt")
    report = Report.objects.get(recorded_by=operator)

    # The officer on duty claims it.
    office = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    office.goto(demo_site + f"/admin/triage/reports/{report.pk}/")
    sign_in(office, holder, TOTPDevice.objects.get(user=holder))
    office.locator(f"form[action$='/{report.pk}/act/claim/'] button").click()
    assert Case.objects.get(report=report).assignee == holder

    # The caller, later, on their phone: the follow-up page with the code read out.
    mail.outbox.clear()
    caller = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    phone = caller.new_page()
    phone.goto(demo_site + "/id/lapor/status/")
    phone.fill("input[name=receipt]", code)
    phone.locator("form.lookup-form button[type=submit]").click()
    phone.fill("textarea[name=body]", "Dia pulang malam ini, saya takut.")
    phone.locator("textarea[name=body]").evaluate("el => el.form.requestSubmit()")
    expect(phone.locator("textarea[name=body]")).to_have_value("")
    screenshot(phone, "caller-follow-up-sent")

    # The holder is told (without content), and the queue marks the report.
    assert [message.to for message in mail.outbox] == [["siti@agency.example"]]
    assert "takut" not in mail.outbox[0].body
    office.goto(demo_site + "/admin/triage/reports/?new_message=true")
    expect(office.locator("table.listing tbody tr")).to_have_count(1)
    screenshot(office, "queue-new-message")
    office.goto(demo_site + f"/admin/triage/reports/{report.pk}/")
    office.fill("textarea#message-body", "Kami akan menelepon Anda pukul 10.")
    office.locator("textarea#message-body").evaluate("el => el.form.requestSubmit()")
    expect(office.locator("[data-testid=reporter-thread]")).to_contain_text("pukul 10")
    assert not Case.objects.get(report=report).unread_from_reporter
    office.goto(demo_site + "/admin/triage/reports/?new_message=true")
    expect(office.locator("table.listing tbody tr")).to_have_count(0)

    # On the holder's phone the case's actions come before the story and the history.
    held = caller.new_page()
    held.context.add_cookies(office.context.cookies())
    held.goto(demo_site + f"/admin/triage/reports/{report.pk}/")
    actions_box = held.locator("aside.triage-actions").bounding_box()
    history_box = held.locator("[data-testid=history]").bounding_box()
    assert actions_box["y"] < history_box["y"]
    screenshot(held, "case-on-a-phone")

    # Siti's shift ends: nobody is on duty in Jakarta Pusat now. A danger report there
    # reaches the case manager.
    from forms.triage.models import StaffProfile

    StaffProfile.objects.filter(user=holder).update(on_duty=False)
    mail.outbox.clear()
    desk.goto(demo_site + "/admin/intake/record/")
    desk.select_option("select[name=channel]", "walk_in")
    desk.check("input[name=violence_kinds][value=physical]")
    desk.check("input[name=immediate_danger]")
    desk.select_option("select[name=province]", "31")
    desk.locator("button[name=action][value=regions]").click()
    desk.select_option("select[name=regency]", "31.71")
    desk.fill("textarea[name=narrative]", "Korban datang dengan luka, pelaku menunggu di luar.")
    desk.locator("button[name=action][value=save]").click()
    expect(desk.locator("#receipt-code")).to_be_visible()
    escalations = [message for message in mail.outbox if "manager@agency.example" in message.to]
    assert len(escalations) == 1
    assert "luka" not in escalations[0].body
