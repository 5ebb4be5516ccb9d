"""The referral loop in a real browser, from every side.

An officer refers one report to a hospital (visum, medical care) and to a legal aid
office. The hospital's member signs in on a phone (password, then setting up the
authenticator from the screen: a real second factor), sees only its packet, accepts
and records the visum. The legal aid office declines with a reason. The officer sees
both, refers the legal help to another office, which accepts and completes; the
hospital completes too; the case closes. The reporter's follow-up page shows the
progress per service in plain words. Screenshots at phone and desktop size.
"""

import base64
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from content.models import Region, Service, ServiceUnitPage
from forms import receipts
from forms.models import Report
from forms.triage.models import Referral
from tests.e2e.conftest import DESKTOP, OUTPUT, PHONE
from tests.forms.conftest import make_regions, make_report
from tests.forms.triage.conftest import PASSWORD, make_staff
from tests.utils import browser_sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARRATIVE = "Paman memukul dan melecehkan anak saya di rumah nenek"
CODE = "4407 1290 5531 0086"


def unit(title, slug, kind, codes, region):
    locale = Locale.objects.get(language_code="id")
    page = Page.get_first_root_node().add_child(
        instance=ServiceUnitPage(title=title, slug=slug, kind=kind, region=region, locale=locale)
    )
    for code in codes:
        service, _ = Service.objects.get_or_create(
            code=code, locale=locale, defaults={"name": code}
        )
        page.services.add(service)
    page.save_revision().publish()
    return page


@pytest.fixture
def world(demo_site):
    Report.objects.all().delete()  # the demo's own reports would crowd the officer's queue
    make_regions()
    regions = {region.code: region for region in Region.objects.all()}
    here = regions["31.71"]
    hospital = unit("RSUD Tarakan", "e2e-rsud", "hospital", ["medical", "visum"], here)
    lbh = unit("LBH Jakarta", "e2e-lbh", "legal-aid", ["legal"], here)
    posbakum = unit("Posbakum Gambir", "e2e-posbakum", "legal-aid", ["legal"], here)
    people = {
        "officer": make_staff("siti", ["Triage officer"], [here]),
        # No authenticator yet: she sets one up at her first sign-in, on her phone.
        "nurse": make_staff("perawat", ["Unit staff"], units=[hospital], otp=False),
        "lawyer": make_staff("advokat", ["Unit staff"], units=[lbh]),
        "paralegal": make_staff("paralegal", ["Unit coordinator"], units=[posbakum]),
    }
    report = make_report(
        regions["31.71.01.1001"],
        kinds=("physical", "sexual"),
        narrative=NARRATIVE,
        contact_name="Ibu Wati",
        contact_details="0812-3000-4000",
        consent_referral=True,
        consent_contact=True,
        victim_age_group="13-17",
        victim_sex="female",
        receipt_digest=receipts.digest(CODE.replace(" ", "")),
    )
    return demo_site, report, people, (hospital, lbh, posbakum)


def new_page(browser, size, phone=False):
    context = browser.new_context(
        viewport=size, is_mobile=phone, device_scale_factor=2 if phone else 1
    )
    return context, context.new_page()


def button(page, english, indonesian):
    return page.get_by_role("button", name=re.compile(f"^({english}|{indonesian})$"))


def refer(page, unit, services, summary, pass_contact=False):
    page.select_option("#refer-unit", str(unit.pk))
    for service in services:
        page.check(f"input[name=services][value='{service}']")
    page.fill("#refer-summary", summary)
    if pass_contact:
        page.check("input[name=pass_contact]")
    button(page, "Refer", "Rujuk").click()


def open_packet(page, site, referral):
    page.goto(f"{site}/admin/referrals/{referral.pk}/")
    expect(page.locator("[data-testid=packet]")).to_be_visible()


def record_service(page, kind, place, note):
    page.select_option("#record-kind", kind)
    page.fill("#record-place", place)
    page.fill("#record-note", note)
    button(page, "Record service", "Catat layanan").click()


def complete(page, note):
    page.check("input[name=outcome][value=given]")
    page.fill("#complete-note", note)
    button(page, "Mark done", "Tandai selesai").click()
    expect(page.locator("[data-testid=referral-status]")).to_have_text(re.compile("Done|Selesai"))


def sign_in_and_set_up_the_authenticator(page, site, user):
    """Password, then the setup page: the code the phone's app computes from the key
    shown on the screen."""
    page.goto(f"{site}/admin/referrals/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    secret = page.locator("[data-two-factor-secret]")
    expect(secret).to_be_visible()
    key = base64.b32decode(secret.inner_text().replace(" ", ""))
    page.fill("input[name=token]", f"{totp(key):06d}")
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/admin/referrals/$"))


def test_the_referral_loop_from_every_side(browser, world, screenshot):
    site, report, people, (hospital, lbh, posbakum) = world
    office_context, office = new_page(browser, DESKTOP)
    phone_context, phone = new_page(browser, PHONE, phone=True)
    lawyer_context, lawyer = new_page(browser, DESKTOP)
    try:
        # The officer claims, verifies and refers to the hospital and to LBH Jakarta.
        browser_sign_in(office, site, people["officer"], PASSWORD, "/admin/triage/reports/")
        office.goto(f"{site}/admin/triage/reports/{report.pk}/")
        button(office, "Claim", "Ambil").click()
        button(office, "Verify", "Verifikasi").click()
        refer(
            office,
            hospital,
            ["visum", "medical"],
            "Anak perempuan 13-17 tahun; mohon visum dan pemeriksaan hari ini.",
            pass_contact=True,
        )
        refer(office, lbh, ["legal"], "Keluarga ingin melapor ke polisi.")
        expect(office.locator("[data-testid=referral]")).to_have_count(2)
        visum, legal = Referral.objects.filter(report=report).order_by("pk")

        # The hospital's nurse, on her phone: first sign-in sets up the second factor.
        sign_in_and_set_up_the_authenticator(phone, site, people["nurse"])
        assert TOTPDevice.objects.filter(user=people["nurse"], confirmed=True).exists()
        rows = phone.locator("table.listing tbody tr")
        expect(rows).to_have_count(1)
        screenshot(phone, "referrals-inbox-phone-360x740")
        open_packet(phone, site, visum)
        expect(phone.locator("[data-testid=summary]")).to_contain_text("mohon visum")
        expect(phone.locator("[data-testid=packet-contact]")).to_contain_text("0812-3000-4000")
        expect(phone.locator("body")).not_to_contain_text("Paman memukul")
        button(phone, "Accept", "Terima").click()
        record_service(phone, "visum", "IGD RSUD Tarakan", "Visum selesai, hasil ke penyidik")
        expect(phone.locator("[data-testid=service-records] tbody tr")).to_have_count(1)
        screenshot(phone, "referral-packet-phone-360x740")
        # The legal aid office's packet is not hers.
        phone.goto(f"{site}/admin/referrals/{legal.pk}/")
        expect(phone.locator("[data-testid=packet]")).to_have_count(0)

        # LBH Jakarta declines, with a reason.
        browser_sign_in(lawyer, site, people["lawyer"], PASSWORD, "/admin/referrals/")
        open_packet(lawyer, site, legal)
        expect(lawyer.locator("body")).not_to_contain_text("Paman memukul")
        lawyer.fill("#decline-reason", "Tidak ada advokat yang bisa mendampingi bulan ini")
        button(lawyer, "Decline", "Tolak").click()
        expect(lawyer.locator("[data-testid=packet]")).to_have_count(0)  # gone for them

        # The officer sees both answers and refers the legal help elsewhere.
        office.reload()
        cards = office.locator("[data-testid=referral]")
        expect(cards.nth(0).locator("[data-testid=referral-status]")).to_have_text(
            re.compile("Accepted|Diterima")
        )
        expect(cards.nth(0).locator("[data-testid=service-records]")).to_contain_text("IGD")
        expect(cards.nth(1).locator("[data-testid=decline-reason]")).to_contain_text("advokat")
        refer(office, posbakum, ["legal"], "LBH menolak; mohon pendampingan hukum.")
        expect(office.locator("[data-testid=referral]")).to_have_count(3)
        office.locator("#referrals").scroll_into_view_if_needed()
        screenshot(office, "referral-case-desktop-1280x800")
        posbakum_referral = Referral.objects.filter(report=report).order_by("pk").last()
        lawyer_context.close()

        # Posbakum accepts, gives the legal help and completes; so does the hospital.
        lawyer_context, lawyer = new_page(browser, DESKTOP)
        browser_sign_in(lawyer, site, people["paralegal"], PASSWORD, "/admin/referrals/")
        open_packet(lawyer, site, posbakum_referral)
        button(lawyer, "Accept", "Terima").click()
        record_service(lawyer, "legal", "Polres Jakarta Pusat", "Laporan polisi dibuat")
        complete(lawyer, "Pendampingan sampai BAP selesai")
        screenshot(lawyer, "referral-packet-done-desktop-1280x800")
        open_packet(phone, site, visum)
        complete(phone, "Pemeriksaan selesai")

        # The case closes, with its outcome and reason.
        office.reload()
        office.select_option("#status-target", "resolved")
        button(office, "Change", "Ubah").click()
        office.select_option("#closure-outcome", "services_given")
        office.fill("#closure-reason", "Visum, pemeriksaan medis dan pendampingan hukum selesai")
        office.locator("[data-testid=close-form] button[type=submit]").click()
        expect(office.locator("[data-testid=status]")).to_have_text(
            re.compile("^(Closed|Ditutup|Tutup)")
        )
        screenshot(office, "referral-case-closed-desktop-1280x800")
    finally:
        for context in (office_context, phone_context, lawyer_context):
            context.close()

    # The reporter follows it on their phone: per service, in plain words, no unit named.
    reporter_context, reporter = new_page(browser, PHONE, phone=True)
    try:
        reporter.goto(f"{site}/id/lapor/status/")
        reporter.fill("input[name=receipt]", CODE)
        reporter.locator("form.lookup-form button[type=submit]").click()
        lines = reporter.locator("[data-testid=service-progress] li")
        expect(lines).to_have_text(
            [
                "Pendampingan medis: selesai",
                "Visum et repertum: selesai",
                "Pendampingan hukum: selesai",
            ]
        )
        for name in ("RSUD Tarakan", "LBH Jakarta", "Posbakum"):
            expect(reporter.locator("body")).not_to_contain_text(name)
        screenshot(reporter, "referral-reporter-progress-phone-360x740")
        # The part that matters, without the quick-exit button floating over it.
        reporter.locator("section.report-status").screenshot(
            path=str(OUTPUT / "referral-reporter-progress-section-phone.png")
        )
    finally:
        reporter_context.close()
    report.refresh_from_db()
    assert report.status == "closed"
    assert [r.status for r in Referral.objects.filter(report=report).order_by("pk")] == [
        "done",
        "declined",
        "done",
    ]
