"""Settings → Staff: regions, units, duty and notice address on a screen, and the
button that resets a lost second factor. Administrators manage everyone; a unit
coordinator manages only their own units' members."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from forms.triage.models import AuditEntry, StaffProfile
from tests.forms.triage.conftest import PASSWORD, make_staff, verified_login
from tests.utils import parse_html, texts

pytestmark = pytest.mark.django_db

STAFF = reverse("triage_staff:index")


def edit_url(user):
    return reverse("triage_staff:edit", args=[user.staff_profile.pk])


def form_fields(document) -> set[str]:
    form = document.select_one("form#w-editor-form")
    return {
        field["name"] for field in form.select("[name]") if field["name"] != "csrfmiddlewaretoken"
    }


def test_an_administrator_sets_regions_units_duty_and_address_on_a_screen(client, world):
    verified_login(client, world.admin)
    newcomer = make_staff("newcomer", ["Triage officer"])
    response = client.post(
        edit_url(newcomer),
        {
            "regions": [world.regions["31.71"].pk],
            "units": [world.lawyers.pk],
            "on_duty": "on",
            "notification_email": "duty@agency.example",
        },
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=newcomer)
    assert list(profile.regions.values_list("code", flat=True)) == ["31.71"]
    assert list(profile.units.all()) == [world.lawyers.page_ptr.specific]
    assert profile.on_duty and profile.email_for_notices == "duty@agency.example"
    entry = AuditEntry.objects.get(action="update_staff")
    assert entry.actor == world.admin
    assert entry.detail == f"user {newcomer.pk}; notification_email, on_duty, regions, units"


def test_an_administrator_gives_a_new_account_its_profile(client, world):
    account = get_user_model().objects.create_user("fresh", password=PASSWORD)
    verified_login(client, world.admin)
    response = client.post(
        reverse("triage_staff:add"), {"user": account.pk, "regions": [world.regions["35"].pk]}
    )
    assert response.status_code == 302
    assert StaffProfile.objects.get(user=account).regions.get().code == "35"
    assert AuditEntry.objects.get(action="add_staff").detail == f"user {account.pk}; created"


def test_a_coordinator_lists_and_edits_only_their_units_members(client, world):
    officer_in_unit = make_staff("officer_in_clinic", ["Triage officer"], units=[world.clinic])
    both = make_staff("both_units", ["Unit staff"], units=[world.clinic, world.lawyers])
    verified_login(client, world.clinic_coordinator)
    listed = {p.user.username for p in client.get(STAFF).context["object_list"]}
    # A triage officer is never a coordinator's to manage, even in the same unit.
    assert listed == {"clinic_staff", "clinic_coordinator", "both_units"}
    assert client.get(edit_url(officer_in_unit)).status_code in (302, 403, 404)
    assert client.get(edit_url(world.lawyers_staff)).status_code in (302, 403, 404)
    document = parse_html(client.get(edit_url(both)).content)
    # Duty, address and their own units; never regions.
    assert form_fields(document) == {"units", "on_duty", "notification_email"}
    offered = [box["value"] for box in document.select("input[name=units]")]
    assert offered == [str(world.clinic.pk)]
    client.post(edit_url(both), {"on_duty": "on", "notification_email": ""})
    profile = StaffProfile.objects.get(user=both)
    # Taking them off the clinic kept the unit the coordinator does not manage.
    assert profile.on_duty and list(profile.units.all()) == [world.lawyers.page_ptr.specific]


def test_a_coordinator_cannot_add_a_profile_or_give_regions(client, world):
    verified_login(client, world.clinic_coordinator)
    assert client.get(reverse("triage_staff:add")).status_code in (302, 403)
    client.post(
        edit_url(world.clinic_staff),
        {"units": [world.clinic.pk], "regions": [world.regions["31"].pk], "on_duty": "on"},
    )
    assert not StaffProfile.objects.get(user=world.clinic_staff).regions.exists()


def test_the_second_factor_is_reset_from_a_button_and_audited(world):
    admin = verified_login(Client(), world.admin)
    page = parse_html(admin.get(edit_url(world.clinic_staff)).content)
    (button,) = [b for b in page.select("button") if "Reset second factor" in b.get_text()]
    url = reverse("triage_staff:reset_second_factor", args=[world.clinic_staff.staff_profile.pk])
    assert button.find_parent("form")["action"] == url
    admin.post(url)
    assert not TOTPDevice.objects.filter(user=world.clinic_staff).exists()
    entry = AuditEntry.objects.get(action="reset_second_factor")
    assert entry.actor == world.admin
    assert entry.detail == f"user {world.clinic_staff.pk}; 1 device(s) removed"
    # The next sign-in goes to setting up a new authenticator, not into the admin.
    member = Client()
    member.post(reverse("wagtailadmin_login"), {"username": "clinic_staff", "password": PASSWORD})
    response = member.get(reverse("triage_inbox:index"))
    assert response.status_code == 302 and "/2fa/" in response["Location"]


def test_a_coordinator_resets_only_their_units_members(client, world):
    verified_login(client, world.lawyers_coordinator)
    url = reverse("triage_staff:reset_second_factor", args=[world.clinic_staff.staff_profile.pk])
    assert client.post(url).status_code in (302, 403, 404)
    assert TOTPDevice.objects.filter(user=world.clinic_staff).exists()
    url = reverse("triage_staff:reset_second_factor", args=[world.lawyers_staff.staff_profile.pk])
    messages = texts(parse_html(client.post(url, follow=True).content), ".messages li")
    assert messages[0].startswith("Second factor reset")
    assert not TOTPDevice.objects.filter(user=world.lawyers_staff).exists()


def test_staff_find_the_screen_in_the_settings_menu_only_when_they_manage_someone(client, world):
    for role, shown in [("admin", True), ("clinic_coordinator", True), ("clinic_staff", False)]:
        user = getattr(world, role)
        home = verified_login(Client(), user).get(reverse("wagtailadmin_home")).content.decode()
        assert (STAFF in home) is shown, role
