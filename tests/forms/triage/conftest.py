"""Triage fixtures: staff in every role with a real TOTP device, and a small world of
reports in every state, built once per module (rolled back after it)."""

from __future__ import annotations

import django_otp
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale, Page

from content.models import Service, ServiceUnitPage
from forms.models import Attachment
from forms.triage import actions
from tests.forms.conftest import make_regions, make_report

PASSWORD = "correct horse battery staple"


def make_staff(username, groups=(), regions=(), on_duty=False, email="", otp=True, units=()):
    """A staff member in ``groups`` scoped to ``regions`` (triage) or ``units`` (a
    partner unit's member), with a confirmed TOTP device."""
    user = get_user_model().objects.create_user(
        username, email=email or f"{username}@agency.example", password=PASSWORD
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    if regions or on_duty or groups or units:
        from forms.triage.models import StaffProfile

        profile = StaffProfile.objects.create(user=user, on_duty=on_duty)
        profile.regions.add(*regions)
        profile.units.add(*units)
    if otp:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def current_token(device) -> str:
    """What the staff member's authenticator app shows right now."""
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def verified_login(client, user):
    """Sign ``user`` in and pass the second factor with a real TOTP token.

    The token is computed from the device's key, checked by django-otp, and the
    device is bound to the session by ``django_otp.login`` exactly as the portal's
    verify step does it.
    """
    client.force_login(user)
    device = TOTPDevice.objects.get(user=user)
    request = RequestFactory().get("/admin/")
    request.session = client.session
    request.user = user
    assert device.verify_token(current_token(device))
    django_otp.login(request, device)
    request.session.save()
    return client


@pytest.fixture(scope="session")
def triage_storage(tmp_path_factory):
    location = tmp_path_factory.mktemp("triage-private")
    field = Attachment._meta.get_field("file")
    original = field.storage
    field.storage = FileSystemStorage(location=location, base_url=None)
    yield location
    field.storage = original


@pytest.fixture
def private_storage(triage_storage):
    """Overrides the complaint suite's per-test storage: the module's files must stay."""
    return triage_storage


class World:
    """The staff of every role and reports in every state (see ``world``)."""


def build_world() -> World:
    from content.models import Region

    make_regions()
    w = World()
    w.regions = {region.code: region for region in Region.objects.all()}
    jakarta_pusat, surabaya = w.regions["31.71"], w.regions["35.78"]
    w.editor = make_staff("editor", ["Editor"])
    w.moderator = make_staff("moderator", ["Moderator"])
    w.other_officer = make_staff("other_officer", ["Triage officer"], [surabaya])
    # Scoped to the regency: sees the village-level reports below it.
    w.officer = make_staff("officer", ["Triage officer"], [jakarta_pusat], on_duty=True)
    w.case_manager = make_staff("case_manager", ["Case manager"])
    w.admin = make_staff("admin", ["Administrator"])
    for group in ("Editor", "Moderator"):
        Group.objects.get_or_create(name=group)
    w.editor.groups.add(Group.objects.get(name="Editor"))
    w.moderator.groups.add(Group.objects.get(name="Moderator"))

    locale = Locale.objects.get(language_code="id")
    w.services = {
        code: Service.objects.create(code=code, name=name, locale=locale)
        for code, name in [
            ("medical", "Layanan medis"),
            ("legal", "Bantuan hukum"),
            ("shelter", "Rumah aman"),
        ]
    }
    root = Page.get_first_root_node()
    w.clinic = root.add_child(
        instance=ServiceUnitPage(
            title="Puskesmas Gambir",
            slug="puskesmas-gambir",
            kind="puskesmas",
            region=w.regions["31.71.01"],
            locale=locale,
        )
    )
    w.clinic.services.add(w.services["medical"])
    w.clinic.save_revision().publish()
    w.lawyers = root.add_child(
        instance=ServiceUnitPage(
            title="LBH APIK Jakarta",
            slug="lbh-apik",
            kind="legal-aid",
            region=w.regions["31.71"],
            locale=locale,
        )
    )
    w.lawyers.services.add(w.services["legal"], w.services["shelter"])
    w.lawyers.save_revision().publish()
    # The partner units' people: staff and a coordinator of each unit (X: the clinic,
    # Y: the legal aid office).
    w.clinic_staff = make_staff("clinic_staff", ["Unit staff"], units=[w.clinic], on_duty=True)
    w.clinic_coordinator = make_staff("clinic_coordinator", ["Unit coordinator"], units=[w.clinic])
    w.lawyers_staff = make_staff("lawyers_staff", ["Unit staff"], units=[w.lawyers], on_duty=True)
    w.lawyers_coordinator = make_staff(
        "lawyers_coordinator", ["Unit coordinator"], units=[w.lawyers]
    )

    village = w.regions["31.71.01.1001"]
    w.fresh = make_report(
        village, kinds=("sexual",), narrative="Fresh story", immediate_danger=True
    )
    w.held = make_report(village, narrative="Held story", contact_details="0812-0000-1111")
    actions.claim(w.officer, w.held)
    Attachment.store(w.held, b"%PDF-1.4 evidence", "application/pdf", "visum.pdf")
    w.verified = make_report(village, narrative="Verified story", consent_referral=True)
    actions.claim(w.officer, w.verified)
    actions.verify(w.officer, w.verified)
    w.referred = make_report(village, narrative="Referred story", consent_referral=True)
    actions.claim(w.officer, w.referred)
    actions.verify(w.officer, w.referred)
    Attachment.store(w.referred, b"%PDF-1.4 medical record", "application/pdf", "rm.pdf")
    w.referral = actions.refer(
        w.officer,
        w.referred,
        w.clinic,
        ["medical", "visum"],
        "Visum needed today",
        attachments=list(w.referred.attachments.all()),
    )
    # Sent to the legal aid office too, then taken back: gone for that unit.
    w.revoked_referral = actions.refer(w.officer, w.referred, w.lawyers, ["legal"])
    actions.revoke(w.officer, w.revoked_referral)
    # A report the clinic has accepted and works on.
    w.in_care = make_report(village, narrative="In care story", consent_referral=True)
    actions.claim(w.officer, w.in_care)
    actions.verify(w.officer, w.in_care)
    w.accepted_referral = actions.refer(w.officer, w.in_care, w.clinic, ["medical"])
    actions.accept(w.clinic_staff, w.accepted_referral)
    w.elsewhere = make_report(surabaya, narrative="Surabaya story")
    return w


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, triage_storage):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    """The module's world, its rows re-read: an action changes the instance it is given
    (a report's status, a referral's), and the previous test's changes were rolled back."""
    from django.db import models

    for value in vars(module_world).values():
        if isinstance(value, models.Model) and value.pk:
            value.refresh_from_db()
            value._state.fields_cache.clear()
    return module_world
