"""Helpers for browser tests of the admin."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.utils import current_totp, phone_with_fresh_code

STAFF_PASSWORD = "a long staff passphrase"


def sign_in(context, base: str, username: str, password: str = STAFF_PASSWORD):
    """A new page of ``context`` signed in to the admin as ``username``, with the
    password and then a real code from the user's authenticator (every staff member
    has a second factor)."""
    device = phone_with_fresh_code(get_user_model().objects.get(username=username))
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page.locator("input[name=token]")).to_be_visible()
    page.fill("input[name=token]", current_totp(device))
    page.locator("form.login-form button[type=submit]").click()
    expect(page.locator("#wagtail-sidebar")).to_be_attached()
    return page
