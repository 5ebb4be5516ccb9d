"""The browser lane: Playwright drives Debian's headless Chromium against a live server.

Never a downloaded browser: the executable is the machine's own (CHROMIUM_PATH,
/usr/bin/chromium by default; `make test` installs Debian's package where it can).
Without it the lane is skipped with the reason locally, and fails under CI=true,
where a skipped browser lane would prove nothing.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.forms.conftest import siteverify, siteverify_server  # noqa: F401 (fixtures)

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
# Flags for a closed network and a root user (see the README, "Browser tests").
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls that set
    # up test data stay synchronous and safe, so Django's async guard is lifted while
    # the browser runs (and only then).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def phone(browser):
    """A page in a 360×740 phone-sized window."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo_site(django_db_serialized_rollback, transactional_db, live_server):
    """The demo content, served by a live server; returns the server's base URL.

    Serialized rollback restores what the migrations made (Wagtail's root page,
    locales, staff groups, workflows) after each live-server test's flush.
    """
    # The live server shares this process's cache: rate-limit counters and one-time
    # tokens of an earlier test must not reach this one.
    cache.clear()
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.fixture
def local_siteverify(request, settings):
    """The form checks reCAPTCHA answers against the local siteverify stand-in
    (tests/e2e/captcha.py says how the browser gives one). A live server on a busy
    machine gets the default timeout, not the unit tests' one second."""
    server = request.getfixturevalue("siteverify")
    settings.RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 10
    return server


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-output/screenshots/NAME.png."""
    OUTPUT.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = OUTPUT / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's script, installed by `make test` (npm ci in tests/e2e).

    It is injected into the page under test by Playwright, never served by the portal.
    """
    if not AXE.exists():
        message = f"axe-core not installed at {AXE}: run `npm ci --prefix tests/e2e`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


@pytest.fixture
def axe(axe_source):
    """Run axe-core on a page; returns its serious and critical violations."""

    def run(page) -> list[dict]:
        # Evaluated through the DevTools protocol: the page's CSP (rightly) refuses an
        # injected <script>, and the test must not weaken it.
        page.evaluate(axe_source)
        result = page.evaluate("async () => await axe.run(document)")
        assert result["passes"], "axe-core ran no check at all"
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    return run
