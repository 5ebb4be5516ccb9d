"""Two-factor authentication for staff: who must pass it, enrolment, the code prompt."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security.two_factor import requires_two_factor
from tests.utils import current_totp, sign_in_verified

pytestmark = pytest.mark.django_db

ENROL = "/admin/2fa/"
VERIFY = "/admin/2fa/verify/"


def test_superusers_and_the_sensitive_roles_require_a_second_factor(make_staff):
    assert requires_two_factor(make_staff("root", superuser=True))
    for number, group in enumerate(["Triage officer", "Case manager", "Administrator"]):
        assert requires_two_factor(make_staff(f"user{number}", groups=[group])), group
    assert not requires_two_factor(make_staff("reader", groups=["Some other group"]))


def test_staff_outside_those_roles_who_enrolled_must_use_the_second_factor_too(make_staff):
    reader = make_staff("reader", groups=["Some other group"])
    TOTPDevice.objects.create(user=reader, name="phone", confirmed=True)
    assert requires_two_factor(reader)


@pytest.mark.parametrize("group", ["Moderator", "Editor", "Directory editors"])
def test_a_stolen_editorial_password_alone_opens_no_admin_page(client, make_staff, group):
    # Moderators publish the hotline numbers every public page shows.
    client.force_login(make_staff("editorial", groups=[group]))
    response = client.get("/admin/snippets/content/hotline/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == ENROL


@pytest.mark.parametrize(
    "group", ["Triage officer", "Case manager", "Administrator", "Moderator", "Editor"]
)
def test_unenrolled_sensitive_staff_are_sent_to_enrolment_from_any_admin_page(
    client, make_staff, group
):
    client.force_login(make_staff(groups=[group]))
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == ENROL
    assert parse_qs(target.query)["next"] == ["/admin/pages/"]


def test_enrolment_shows_a_server_drawn_qr_code_and_the_secret(client, make_staff):
    user = make_staff(superuser=True)
    client.force_login(user)
    page = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in page
    # Nothing is fetched from elsewhere to draw the code: the secret stays here.
    assert not re.search(r'<img[^>]+src="https?://', page)
    secret = re.search(r"data-two-factor-secret>([A-Z2-7 ]+)<", page).group(1)
    import base64

    assert base64.b32decode(secret.replace(" ", "")) == device.bin_key
    # Reloading keeps the same secret, so a half-finished scan stays valid.
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_a_wrong_code_does_not_confirm_enrolment(client, make_staff):
    user = make_staff(superuser=True)
    client.force_login(user)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(current_totp(device)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"token": wrong})
    assert response.status_code == 200
    assert "token" in response.context["form"].errors
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/").status_code == 302


def test_enrolling_with_the_apps_code_verifies_the_session_and_returns_to_the_page(
    client, make_staff
):
    user = make_staff(superuser=True)
    client.force_login(user)
    client.get(ENROL + "?next=/admin/pages/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post(ENROL, {"token": current_totp(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/").status_code == 200


def test_password_login_then_code_prompt_then_admin(client, make_staff):
    user = make_staff(groups=["Triage officer"], password="a long staff passphrase")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": "a long staff passphrase", "next": "/admin/"},
    )
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)

    response = client.post(response["Location"], {"token": current_totp(device)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_be_replayed_in_another_session(client, make_staff):
    user = make_staff(groups=["Case manager"])
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    code = current_totp(device)
    client.force_login(user)
    assert client.post(VERIFY, {"token": code}).status_code == 302

    client.logout()
    client.force_login(user)
    response = client.post(VERIFY, {"token": code})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_stolen_password_cannot_replace_the_enrolled_app(client, make_staff):
    user = make_staff(groups=["Administrator"])
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    for url in (ENROL, ENROL + "?replace=1"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_a_verified_user_can_replace_the_app_and_the_old_one_stops_working(client, make_staff):
    user = make_staff(groups=["Administrator"])
    old = sign_in_verified(client, user)
    assert 'href="?replace=1"' in client.get(ENROL).content.decode()
    client.get(ENROL + "?replace=1")
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(ENROL, {"token": current_totp(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_the_verification_page_never_redirects_off_site(client, make_staff):
    user = make_staff(groups=["Triage officer"])
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    response = client.post(VERIFY + "?next=https://evil.example/", {"token": current_totp(device)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_account_settings_offer_two_factor_setup(client, make_staff):
    sign_in_verified(client, make_staff("editor", groups=["Editor"]))
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert f'href="{ENROL}"' in page


def test_public_pages_are_not_gated_for_unverified_staff(client, make_staff, home_page):
    client.force_login(make_staff(superuser=True))
    assert client.get("/id/").status_code == 200


def test_the_admin_icons_load_for_staff_who_have_not_passed_yet(client, make_staff):
    # The setup page itself draws its icons from this sprite.
    client.force_login(make_staff(superuser=True))
    response = client.get(reverse("wagtailadmin_sprite"))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()


def test_an_unconfirmed_secret_is_never_shown_to_another_session(client, make_staff):
    from django.test import Client

    user = make_staff(superuser=True)
    attacker = Client()
    attacker.force_login(user)  # knows the password, not the phone
    copied = re.search(
        r"data-two-factor-secret>([A-Z2-7 ]+)<", attacker.get(ENROL).content.decode()
    )
    client.force_login(user)
    shown = re.search(r"data-two-factor-secret>([A-Z2-7 ]+)<", client.get(ENROL).content.decode())
    assert copied[1] != shown[1]
    # The real user confirms their own secret; the copied one opens nothing.
    device = TOTPDevice.objects.get(user=user)
    assert client.post(ENROL, {"token": current_totp(device)}).status_code == 302
    import base64

    assert base64.b32encode(TOTPDevice.objects.get(user=user, confirmed=True).bin_key).decode() != (
        copied[1].replace(" ", "")
    )
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_starting_an_enrolment_removes_stale_unconfirmed_devices(client, make_staff):
    user = make_staff(superuser=True)
    stale = TOTPDevice.objects.create(user=user, name="left behind", confirmed=False)
    client.force_login(user)
    client.get(ENROL)
    assert not TOTPDevice.objects.filter(pk=stale.pk).exists()
    assert TOTPDevice.objects.filter(user=user, confirmed=False).count() == 1


def test_the_administrator_group_cannot_make_anyone_a_superuser(client, django_user_model):
    from django.contrib.auth.models import Group

    admin = django_user_model.objects.create_user("agency-admin", password="x" * 14)
    admin.groups.add(Group.objects.get(name="Administrator"))
    target = django_user_model.objects.create_user("colleague", password="y" * 14)
    sign_in_verified(client, admin)
    url = reverse("wagtailusers_users:edit", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "is_superuser" not in page.context["form"].fields
    client.post(
        url,
        {
            "username": "colleague",
            "email": "c@example.org",
            "first_name": "C",
            "last_name": "D",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [],
        },
    )
    target.refresh_from_db()
    assert not target.is_superuser
