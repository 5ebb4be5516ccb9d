"""Helpers for browser tests of the admin."""

from playwright.sync_api import expect

STAFF_PASSWORD = "a long staff passphrase"


def sign_in(context, base: str, username: str, password: str = STAFF_PASSWORD):
    """A new page of ``context`` signed in to the admin as ``username`` (no second factor:
    editors and moderators need none)."""
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page.locator("#wagtail-sidebar")).to_be_attached()
    return page
