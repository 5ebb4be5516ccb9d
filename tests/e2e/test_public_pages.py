"""Home and campaign pages as a reader sees them on a cheap phone and on a desktop."""

import pytest
from playwright.sync_api import expect

PAGES = {"home": "/id/", "campaign": "/id/kampanye/berani-bicara/"}


@pytest.mark.parametrize("name, path", PAGES.items())
def test_public_page_renders_well_on_phone_and_desktop(
    phone, desktop, demo_site, screenshot, name, path
):
    for page, size in ((phone, "360x740"), (desktop, "1280x800")):
        page.goto(demo_site + path)
        expect(page.locator("h1")).to_be_visible()
        # Nothing wider than the screen: no sideways scrolling on a phone.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} at {size} scrolls sideways by {overflow}px"
        # The quick exit is on screen without scrolling.
        exit_box = page.locator("[data-quick-exit]").bounding_box()
        viewport = page.viewport_size
        assert exit_box["y"] >= 0 and exit_box["y"] + exit_box["height"] <= viewport["height"]
        assert exit_box["height"] >= 44
        path_out = screenshot(page, f"{name}-{size}")
        assert path_out.stat().st_size > 10_000


def test_campaign_page_offers_its_materials_with_format_and_size(phone, demo_site):
    phone.goto(demo_site + PAGES["campaign"])
    download = phone.locator(".download a").first
    expect(download).to_contain_text("PDF")
    expect(download).to_contain_text("KB")
    response = phone.request.get(demo_site + download.get_attribute("href"))
    assert response.ok
    assert response.body().startswith(b"%PDF")


def test_pages_work_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(demo_site + "/id/")
    page.get_by_role("link", name="Berani Bicara").first.click()
    expect(page.locator("h1")).to_have_text("Berani Bicara")
    expect(page.locator("[data-quick-exit]")).to_be_visible()
    context.close()


def test_the_first_tab_offers_the_skip_link_and_it_moves_focus_to_the_content(phone, demo_site):
    phone.goto(demo_site + PAGES["campaign"])
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    expect(phone.locator(".skip-link")).to_be_visible()  # shown when focused
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
