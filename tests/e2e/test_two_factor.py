"""A superuser's first sign-in in a real browser: password, then setting up the app."""

import base64

from django.contrib.auth import get_user_model
from django_otp.oath import totp
from playwright.sync_api import expect


def test_first_sign_in_sets_up_the_authenticator_and_opens_the_admin(
    desktop, demo_site, screenshot
):
    get_user_model().objects.create_superuser("chief", "chief@example.org", "a long passphrase!")
    desktop.goto(demo_site + "/admin/")
    desktop.fill("input[name=username]", "chief")
    desktop.fill("input[name=password]", "a long passphrase!")
    desktop.click("button[type=submit]")

    secret = desktop.locator("[data-two-factor-secret]")
    expect(secret).to_be_visible()
    expect(desktop.locator(".two-factor-qr svg")).to_be_visible()
    screenshot(desktop, "admin-2fa-enrol")

    # What the phone's app would compute from the key on the screen.
    key = base64.b32decode(secret.inner_text().replace(" ", ""))
    desktop.fill("input[name=token]", f"{totp(key):06d}")
    desktop.locator("form button[type=submit]").last.click()
    expect(desktop.locator("#wagtail-sidebar")).to_be_attached()
    assert desktop.url.endswith("/admin/")
    screenshot(desktop, "admin-2fa-done")
