"""On a 360×740 phone the quick exit covers nothing, and the receipt comes first.

The quick exit stays on screen wherever the reader scrolls, so it takes a band of the
screen of its own: no control or text of the page may lie under it, neither where the
page opens nor when the reader brings that element into view. Screenshots of each page
land in test-output/screenshots/phone-*.png.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.captcha import unreachable_google
from tests.e2e.conftest import OUTPUT
from tests.forms.conftest import make_regions

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Everything a reader reads or presses in the page's main content and footer.
CONTENT = "main :is(a, button, input, select, textarea, label, h1, h2, p, li), footer p"

OVERLAPS = """
([selector, exitSelector]) => {
  const exit = document.querySelector(exitSelector).getBoundingClientRect();
  const hit = (r) => r.width > 0 && r.height > 0 && r.left < exit.right && r.right > exit.left
                     && r.top < exit.bottom && r.bottom > exit.top;
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.closest('.quick-exit') === null && hit(el.getBoundingClientRect()))
    .map((el) => el.outerHTML.slice(0, 120));
}
"""


def covered(page, selector=CONTENT) -> list[str]:
    """The elements matching ``selector`` that lie, where they are now, under the quick exit."""
    return page.evaluate(OVERLAPS, [selector, ".quick-exit"])


def covered_when_scrolled_to(page, selector: str) -> list[str]:
    """Bring each element into view as a reader would, and report those under the exit."""
    found = []
    for element in page.locator(selector).all():
        if not element.is_visible():
            continue
        element.scroll_into_view_if_needed()
        box, exit_box = element.bounding_box(), page.locator(".quick-exit").bounding_box()
        if (
            box["x"] < exit_box["x"] + exit_box["width"]
            and box["x"] + box["width"] > exit_box["x"]
            and box["y"] < exit_box["y"] + exit_box["height"]
            and box["y"] + box["height"] > exit_box["y"]
        ):
            found.append(element.evaluate("el => el.outerHTML.slice(0, 120)"))
    return found


def in_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 740


@pytest.fixture
def site(demo_site, settings, local_siteverify):
    make_regions()
    settings.INTAKE_MIN_FILL_SECONDS = 0
    return demo_site


def test_the_home_pages_report_button_is_in_sight_and_uncovered(phone, site, screenshot):
    phone.goto(site + "/id/")
    expect(phone.locator(".quick-exit")).to_be_visible()
    screenshot(phone, "phone-home-360x740")
    assert in_first_screen(phone, ".button-report")
    assert covered(phone) == []
    assert covered_when_scrolled_to(phone, ".button-report, main a, main button") == []


def test_the_forms_danger_checkbox_and_text_are_uncovered(phone, site, screenshot):
    unreachable_google(phone)
    phone.goto(site + "/id/lapor/")
    screenshot(phone, "phone-form-360x740")
    assert covered(phone) == []
    danger = "#field-immediate_danger, #field-immediate_danger input, #emergency a, #emergency p"
    assert covered_when_scrolled_to(phone, danger) == []
    phone.locator("#field-immediate_danger").scroll_into_view_if_needed()
    assert covered(phone, "#field-immediate_danger, #field-immediate_danger *") == []
    # What the screen shows once the reader has scrolled to the danger question.
    phone.screenshot(path=str(OUTPUT / "phone-form-danger-360x740.png"))
    assert covered_when_scrolled_to(phone, "main :is(input, select, textarea, button, label)") == []


def test_the_receipt_comes_first_after_sending_uncovered(phone, site, screenshot):
    unreachable_google(phone)
    phone.goto(site + "/id/lapor/")
    phone.check("input[name=violence_kinds][value=physical]")
    phone.check("input[name=immediate_danger]")
    phone.select_option("select[name=province]", "31")
    phone.select_option("select[name=regency]", "31.71")
    phone.fill("textarea[name=narrative]", "Tetangga saya dipukul suaminya setiap malam.")
    phone.click("button.button--primary")
    expect(phone.locator("#receipt-code")).to_be_visible()
    screenshot(phone, "phone-confirmation-360x740")
    # Where the page opens, without scrolling: the confirmation and the code.
    assert in_first_screen(phone, ".receipt-page h1")
    assert in_first_screen(phone, "#receipt-code")
    assert covered(phone) == []
    assert covered_when_scrolled_to(phone, "main :is(a, p, h1, h2)") == []
