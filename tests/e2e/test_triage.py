"""An officer's day in a real browser: sign in with 2FA, claim, refer to two units,
reply to the reporter, revoke, close. Screenshots of the queue and the report page."""

import re

from django.core.files.storage import FileSystemStorage
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from content.models import Region, Service, ServiceUnitPage
from forms.models import Attachment, Message, Report
from tests.forms.conftest import make_regions, make_report
from tests.forms.triage.conftest import PASSWORD, make_staff
from tests.utils import browser_sign_in


def units(regions):
    locale = Locale.objects.get(language_code="id")
    services = {
        code: Service.objects.get_or_create(code=code, locale=locale, defaults={"name": name})[0]
        for code, name in [("medical", "Layanan medis"), ("legal", "Bantuan hukum")]
    }
    root = Page.get_first_root_node()
    made = []
    for title, slug, kind, code in [
        ("Puskesmas Gambir", "e2e-puskesmas-gambir", "puskesmas", "medical"),
        ("LBH APIK Jakarta", "e2e-lbh-apik", "legal-aid", "legal"),
    ]:
        unit = root.add_child(
            instance=ServiceUnitPage(
                title=title, slug=slug, kind=kind, region=regions["31.71"], locale=locale
            )
        )
        unit.services.add(services[code])
        unit.save_revision().publish()
        made.append(unit)
    return made


def sign_in(page, demo_site, officer):
    # The second factor: the code the officer's authenticator app shows now.
    browser_sign_in(page, demo_site, officer, PASSWORD, "/admin/triage/reports/")


def test_an_officer_claims_refers_replies_and_closes_a_report(
    desktop, demo_site, screenshot, tmp_path, monkeypatch
):
    field = Attachment._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path, base_url=None))
    # The demo's own triage reports would crowd this officer's queue.
    Report.objects.filter(receipt_digest__startswith="demo-triage-").delete()
    make_regions()
    regions = {region.code: region for region in Region.objects.all()}
    clinic, lawyers = units(regions)
    officer = make_staff("siti", ["Triage officer"], [regions["31.71"]])
    village = regions["31.71.01.1001"]
    make_report(village, kinds=("physical",), narrative="Tetangga mendengar teriakan")
    report = make_report(
        village,
        kinds=("sexual", "psychological"),
        narrative="Anak saya diancam oleh gurunya",
        contact_details="0812-3456-7890",
        immediate_danger=True,
        consent_referral=True,
        consent_contact=True,
        victim_age_group="13-17",
        victim_sex="female",
    )

    page = desktop
    sign_in(page, demo_site, officer)
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(2)
    # Immediate danger first, and no decrypted text anywhere in the list.
    expect(rows.first).to_contain_text(f"#{report.pk}")
    expect(page.locator("body")).not_to_contain_text("diancam")
    screenshot(page, "triage-queue")

    page.click(f"text=#{report.pk}")
    expect(page.locator("[data-testid=decrypted]")).to_contain_text("diancam oleh gurunya")
    page.get_by_role("button", name=re.compile("Claim|Ambil")).click()
    expect(page.locator("[data-testid=assignee]")).to_have_text("siti")
    page.get_by_role("button", name=re.compile("^(Verify|Verifikasi)")).click()

    for unit, service, summary in [
        (clinic, "medical", "Visum dulu"),
        (lawyers, "legal", "Lalu pendampingan hukum"),
    ]:
        page.select_option("#refer-unit", str(unit.pk))
        page.check(f"input[name=services][value={service}]")
        page.fill("#refer-summary", summary)
        page.get_by_role("button", name=re.compile("^(Refer|Rujuk)$")).click()
    referrals = page.locator("[data-testid=referral]")
    expect(referrals).to_have_count(2)

    page.fill("#message-body", "Kami sudah menghubungi puskesmas. Kami akan menelepon Anda besok.")
    page.get_by_role("button", name=re.compile("Send message|Kirim pesan")).click()
    expect(page.locator("[data-testid=reporter-thread]")).to_contain_text("menelepon Anda besok")

    # Both referrals are still waiting for their units: the holder takes them back.
    for _ in range(2):
        page.get_by_role("button", name=re.compile("Revoke referral|Tarik rujukan")).first.click()
    page.select_option("#status-target", "resolved")
    page.get_by_role("button", name=re.compile("^(Change|Ubah)$")).click()
    page.select_option("#closure-outcome", "elsewhere")
    page.fill("#closure-reason", "Ditangani langsung oleh keluarga")
    page.locator("[data-testid=close-form] button[type=submit]").click()
    expect(page.locator("[data-testid=status]")).to_have_text(re.compile("Closed|Ditutup"))
    screenshot(page, "triage-report")

    report.refresh_from_db()
    assert report.status == "closed"
    assert report.referrals.count() == 2
    (message,) = Message.objects.filter(report=report)
    assert message.author == "staff" and "besok" in message.body


def test_referring_without_the_reporters_consent_needs_a_ground_a_reason_and_a_confirmation(
    browser, desktop, demo_site, screenshot
):
    make_regions()
    regions = {region.code: region for region in Region.objects.all()}
    clinic, _lawyers = units(regions)
    officer = make_staff("budi", ["Triage officer"], [regions["31.71"]])
    report = make_report(regions["31.71.01.1001"], narrative="Jangan diteruskan ke siapa pun")
    page = desktop
    sign_in(page, demo_site, officer)
    page.goto(f"{demo_site}/admin/triage/reports/{report.pk}/")
    page.get_by_role("button", name=re.compile("Claim|Ambil")).click()
    page.get_by_role("button", name=re.compile("^(Verify|Verifikasi)")).click()

    warning = page.locator("[data-testid=no-referral-consent]")
    expect(warning).to_be_visible()
    page.select_option("#refer-unit", str(clinic.pk))
    page.check("input[name=services][value=medical]")
    refer = page.get_by_role("button", name=re.compile("^(Refer|Rujuk)$"))
    refer.click()  # the browser stops it: ground, reason and confirmation are required
    expect(page.locator("[data-testid=referral]")).to_have_count(0)

    page.check("input[name=consent_override][value=danger]")
    page.fill("#consent-reason", "Pelaku tinggal serumah dan mengancam malam ini")
    page.check("input[name=consent_confirmed]")
    page.locator(".triage-no-consent-override").scroll_into_view_if_needed()
    screenshot(page, "triage-referral-without-consent")
    refer.click()
    expect(page.locator("[data-testid=referred-without-consent]")).to_have_count(1)
    expect(page.locator("[data-testid=history]")).to_contain_text(
        re.compile("without the reporter|tanpa persetujuan", re.IGNORECASE)
    )
    assert report.referrals.get().consent_override == "danger"

    # A case manager finds it in the audit log, filtered on that action.
    manager = make_staff("rina", ["Case manager"])
    context = browser.new_context(viewport=page.viewport_size)
    try:
        log = context.new_page()
        sign_in(log, demo_site, manager)
        log.goto(f"{demo_site}/admin/triage/audit/?action=refer_no_consent")
        rows = log.locator("table.listing tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("budi")
        expect(rows.first).to_contain_text(f"#{report.pk}")
        screenshot(log, "triage-audit-log")
    finally:
        context.close()
