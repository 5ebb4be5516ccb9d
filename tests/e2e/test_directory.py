"""The service directory in a real browser: cascading filters, nearest first, pages."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE

GUBENG_UNITS = [
    "LBH Surabaya",
    "Pusat Pelayanan Terpadu RSUD Dr. Soetomo",
    "Puskesmas Mojo",
]
# Caturtunggal, Depok, Sleman: a reader near Universitas Gadjah Mada.
SLEMAN = {"latitude": -7.7772, "longitude": 110.4120}


def titles(page) -> list[str]:
    return page.locator(".unit-card h3 a").all_inner_texts()


def test_filters_cascade_with_javascript_and_narrow_the_list(phone, demo_site):
    phone.goto(demo_site + "/id/layanan/")
    assert len(titles(phone)) == 15
    phone.select_option("select[name=province]", "35")
    # The regency list is filled in place from /open-data/regions.json.
    expect(phone.locator("select[name=regency] option[value='35.78']")).to_have_count(1)
    phone.select_option("select[name=regency]", "35.78")
    expect(phone.locator("select[name=district] option[value='35.78.08']")).to_have_count(1)
    phone.select_option("select[name=district]", "35.78.08")
    phone.locator("form.directory-filters button[type=submit]").click()
    phone.wait_for_url(re.compile(r"district=35\.78\.08"))
    assert sorted(titles(phone)) == GUBENG_UNITS
    # The choices survive the round trip.
    expect(phone.locator("select[name=district]")).to_have_value("35.78.08")


def test_filters_cascade_without_javascript(browser, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_site + "/id/layanan/")
        expect(page.locator("button.near-me")).to_be_hidden()
        page.select_option("select[name=province]", "34")
        page.locator("form.directory-filters button[type=submit]").click()
        page.wait_for_url(re.compile(r"province=34"))
        assert sorted(titles(page)) == [
            "P2TP2A Rekso Dyah Utami",
            "Puskesmas Depok III",
            "UPTD PPA Kabupaten Sleman",
        ]
        page.select_option("select[name=regency]", "34.04")
        page.select_option("select[name=service]", "medical")
        page.locator("form.directory-filters button[type=submit]").click()
        page.wait_for_url(re.compile(r"service=medical"))
        assert titles(page) == ["Puskesmas Depok III"]
    finally:
        context.close()


def test_nearest_first_uses_the_location_only_when_the_reader_asks(browser, demo_site):
    context = browser.new_context(viewport=PHONE, geolocation=SLEMAN, permissions=[])
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(demo_site + "/id/layanan/")
        assert not any("near=" in url for url in requests)
        context.grant_permissions(["geolocation"])
        page.locator("button.near-me").click()
        page.wait_for_url(re.compile(r"near="))
        near = parse_qs(urlsplit(page.url).query)["near"][0]
        assert near == "-7.777,110.412"  # rounded in the browser to about 100 m
        listed = titles(page)
        assert listed[:3] == [
            "Puskesmas Depok III",  # 0.4 km
            "P2TP2A Rekso Dyah Utami",  # in Kota Yogyakarta, 3.7 km
            "UPTD PPA Kabupaten Sleman",  # 9 km
        ]
        # Units without coordinates (the safe house, mobile unit, volunteers) come last.
        assert set(listed[-3:]) == {
            "Rumah Aman Kota Surabaya",
            "Mobil Layanan PPA (Molin) Surabaya",
            "Relawan SAPA Kecamatan Wonokromo",
        }
        expect(page.locator(".unit-card").first.locator(".unit-distance")).to_contain_text("km")
    finally:
        context.close()


def test_typing_words_on_a_phone_finds_the_right_unit(phone, demo_site, screenshot):
    phone.goto(demo_site + "/id/layanan/")
    box = phone.get_by_label("Cari nama, layanan atau alamat")
    box.fill("babarsari")  # a street name, only in the unit's address
    box.press("Enter")
    phone.wait_for_url(re.compile(r"q=babarsari"))
    assert titles(phone) == ["Puskesmas Depok III"]
    expect(phone.locator(".unit-card .unit-snippet mark")).to_have_text("Babarsari")
    expect(box).to_have_value("babarsari")
    screenshot(phone, "directory-search-360x740")


def test_words_and_filters_work_together_without_javascript(browser, demo_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_site + "/id/layanan/")
        page.fill("input[name=q]", "bantuan hukum")
        page.select_option("select[name=province]", "35")
        page.locator("form.directory-filters button[type=submit]").click()
        page.wait_for_url(re.compile(r"province=35"))
        listed = titles(page)
        assert listed[0] == "LBH Surabaya"
        assert "UPTD PPA Kabupaten Sleman" not in listed  # legal help, but in Yogyakarta
        # A misspelling offers the right word, keeping the province.
        page.fill("input[name=q]", "bantuan hukm")
        page.locator("form.directory-filters button[type=submit]").click()
        page.wait_for_url(re.compile(r"hukm"))
        page.locator(".search-suggestion a").click()
        page.wait_for_url(re.compile(r"q=bantuan\+hukum"))
        assert "province=35" in page.url
        assert titles(page)[0] == "LBH Surabaya"
    finally:
        context.close()


def test_the_english_directory_searches_english_text(desktop, demo_site):
    desktop.goto(demo_site + "/en/services/")
    box = desktop.get_by_label("Search by name, service or address")
    box.fill("free legal aid")
    box.press("Enter")
    desktop.wait_for_url(re.compile(r"q=free\+legal\+aid"))
    assert titles(desktop)[0] == "LBH Surabaya"
    expect(desktop.locator(".unit-card").first.locator("mark").first).to_be_visible()


def test_directory_and_unit_page_screenshots(browser, demo_site, screenshot):
    for name, size in [("360x740", PHONE), ("1280x800", DESKTOP)]:
        context = browser.new_context(viewport=size)
        page = context.new_page()
        try:
            screenshots(page, demo_site, screenshot, name)
        finally:
            context.close()


def screenshots(page, demo_site, screenshot, name):
    """The directory for Surabaya and one unit page, saved and checked."""
    page.goto(demo_site + "/id/layanan/?province=35&regency=35.78")
    expect(page.locator("h1")).to_have_text("Layanan")
    screenshot(page, f"directory-{name}")
    page.locator(".unit-card h3 a", has_text="UPTD PPA Kota Surabaya").click()
    page.wait_for_url(re.compile(r"/id/layanan/uptd-ppa-kota-surabaya/$"))
    expect(page.locator("a[href='tel:0315340110']").first).to_be_visible()
    expect(page.locator("a[href='https://wa.me/6281130110129']")).to_be_visible()
    expect(page.locator("a[href='mailto:uptdppa@surabaya.go.id']")).to_be_visible()
    screenshot(page, f"unit-page-{name}")
    page.goto(demo_site + "/en/services/")
    expect(page.locator("h1")).to_have_text("Services")
    assert len(titles(page)) == 15
