"""The search page in a real browser on a phone: results, facets, and the empty result.

One test: the demo_site fixture can load the demo only once per browser-lane database.
"""

import re

from playwright.sync_api import expect

from tests.search.conftest import build_corpus


def test_search_on_a_phone_narrows_by_facet_and_offers_help_when_empty(
    phone, demo_site, screenshot
):
    build_corpus()
    phone.goto(demo_site + "/id/cari/")
    phone.fill("input[name=q]", "korban")
    phone.click("form[role=search] button[type=submit]")
    expect(phone.locator(".search-hit").first).to_be_visible()
    expect(phone.locator(".search-hit mark").first).to_be_visible()
    screenshot(phone, "search-results-360x740")
    legal = phone.locator(".search-facets a[href*='service=legal']")
    promised = int(re.search(r"\((\d+)\)", legal.inner_text()).group(1))
    legal.click()
    # The facet's count is what the reader gets (the demo content may add units).
    expect(phone.locator(".search-hit")).to_have_count(promised)
    expect(phone.locator(".search-facets a[aria-current=true]")).to_have_count(1)

    phone.goto(demo_site + "/id/cari/?q=zyxwvut")
    expect(phone.locator(".search-empty a[href='tel:129']")).to_be_visible()
    expect(phone.locator(".search-empty a[href='/id/lapor/']")).to_be_visible()
    screenshot(phone, "search-empty-360x740")
