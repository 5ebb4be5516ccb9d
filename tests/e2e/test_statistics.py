"""The demo statistics page in a real browser: tables with their charts, on a phone
and a desktop, nothing fetched from elsewhere, and no number behind a hidden cell."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_statistics_page_on_a_phone_and_a_desktop(phone, desktop, demo_site, screenshot):
    for page, name in ((phone, "statistics-360x740"), (desktop, "statistics-desktop")):
        requests = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        page.goto(demo_site + "/id/angka/")
        expect(page.locator("h1")).to_have_text("Angka kekerasan")
        expect(page.locator("table.figures").first).to_be_visible()
        expect(page.locator("svg.bar-chart").first).to_be_visible()
        # The table beside the chart names what the bars show.
        expect(page.locator("table.figures").first.locator("tr.figures__total th")).to_have_text(
            "Semua laporan"
        )
        assert all(url.startswith(demo_site) for url in requests), requests
        screenshot(page, name)


def test_hidden_cells_hold_no_number_in_the_page(desktop, demo_site):
    desktop.goto(demo_site + "/id/angka/")
    hidden = desktop.locator(".figures__cell--small, .figures__cell--hidden")
    for index in range(hidden.count()):
        assert hidden.nth(index).inner_text() in ("< 5", "x")
