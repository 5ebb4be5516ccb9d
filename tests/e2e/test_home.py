"""The home page in a real browser, as a reader on a phone sees it."""

import re

from playwright.sync_api import expect


def test_home_page_shows_the_hotline_in_one_tap(phone, demo_site, screenshot):
    phone.goto(demo_site + "/")
    assert re.search(r"/id/$", phone.url)
    sapa = phone.locator(".hotline-bar a[href='tel:129']")
    expect(sapa).to_be_visible()
    expect(sapa).to_contain_text("SAPA 129")
    expect(phone.locator(".hotline-bar a[href='https://wa.me/628111129129']")).to_be_visible()
    box = sapa.bounding_box()
    assert box["height"] >= 44, "tap targets must be at least 44px high"
    path = screenshot(phone, "home-360x740")
    assert path.stat().st_size > 5_000
