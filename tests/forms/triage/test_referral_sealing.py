"""A database dump must not say which unit (which safe house) a victim was referred to.

The attacker here holds a copy of the database and nothing else: they read every row
about a referral (the referral, its services, its thread, its needs, its audit
trail) and follow every foreign key. The unit is sealed with the report's data key;
its blind index is an HMAC under REFERRAL_INDEX_KEY, a secret the dump does not hold.
"""

import hashlib

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from content.models import ServiceUnitPage
from forms import crypto
from forms.triage import actions, unit_index
from forms.triage.models import AuditEntry, Referral

pytestmark = pytest.mark.django_db

ROWS = [
    # table, the column that points at the referral (or the report)
    ("triage_referral", "id"),
    ("triage_servicerecord", "referral_id"),
    ("triage_referralmessage", "referral_id"),
    ("triage_need", "referral_id"),
    ("triage_referral_attachments", "referral_id"),
]


def dump(table, column, value) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {column} = %s", [value])  # noqa: S608
        return cursor.fetchall()


def as_text(value) -> str:
    if isinstance(value, memoryview | bytes):
        return bytes(value).decode("latin-1")
    return str(value)


def unit_tables() -> set[str]:
    return {ServiceUnitPage._meta.db_table, "wagtailcore_page"}


@pytest.fixture
def worked_on(world):
    """A referral to the clinic that the clinic accepted, answered and recorded on."""
    referral = world.accepted_referral
    actions.record_service(world.clinic_staff, referral, "medical", timezone.localdate(), "Poli")
    actions.ask(world.clinic_staff, referral, "When can she come?")
    actions.answer_unit(world.officer, referral, "Tomorrow morning")
    return referral


def test_no_row_about_a_referral_points_at_or_names_its_unit(world, worked_on):
    unit = world.clinic
    names = [unit.title, unit.slug, str(unit.translation_key), unit.url_path]
    with connection.cursor() as cursor:
        for table, _column in ROWS:
            relations = connection.introspection.get_relations(cursor, table)
            targets = {target_table for _field, target_table in relations.values()}
            assert not targets & unit_tables(), (table, targets)
    for table, column in ROWS:
        for row in dump(table, column, worked_on.pk):
            for value in row:
                for name in names:
                    assert name not in as_text(value), (table, name)
    # The audit trail: who did what is there, never where it went.
    for entry in AuditEntry.objects.filter(report_id=worked_on.report_id):
        assert "unit" not in entry.detail
        for name in names:
            assert name not in entry.detail


def test_the_unit_is_sealed_with_the_reports_key_and_opens_for_the_agency(world, worked_on):
    sealed = bytes(Referral.objects.values_list("unit_sealed", flat=True).get(pk=worked_on.pk))
    assert sealed.startswith(crypto.FORMAT_V1) and len(sealed) > 1 + crypto.NONCE_BYTES + 16
    assert Referral.objects.get(pk=worked_on.pk).unit_pk == world.clinic.pk
    # Another report's data key does not open it.
    with pytest.raises(crypto.DecryptionError):
        world.held.cipher().open(sealed, "unit")


def test_the_blind_index_needs_its_own_key(world, settings):
    token = unit_index.of(world.clinic)
    assert world.accepted_referral.unit_index == token
    # Not a plain hash anyone could compute from the page's translation key...
    plain = hashlib.sha256(f"unit:{world.clinic.translation_key}".encode()).hexdigest()
    assert not plain.startswith(token)
    # ...and another key gives another token: without REFERRAL_INDEX_KEY, no match.
    settings.REFERRAL_INDEX_KEY = "another key altogether"
    assert unit_index.of(world.clinic) != token
    # Two units never share a token; the English translation of a unit shares its own.
    assert unit_index.of(world.lawyers) != unit_index.of(world.clinic)


def test_after_a_key_rotation_the_inbox_and_the_audit_log_still_find_the_unit(
    client, world, settings
):
    from io import StringIO

    from django.core.management import call_command
    from django.urls import reverse

    from tests.forms.triage.conftest import verified_login

    actions.record_packet_view(world.clinic_staff, world.referral)  # an entry under the old key
    old = settings.REFERRAL_INDEX_KEY
    settings.REFERRAL_INDEX_KEY, settings.REFERRAL_INDEX_KEY_FALLBACKS = "a new key", [old]
    verified_login(client, world.clinic_staff)
    assert not client.get(reverse("triage_inbox:index")).context["object_list"]
    out = StringIO()
    call_command("reindex_referrals", stdout=out)
    assert out.getvalue().strip() == f"Reindexed {Referral.objects.count()} referral(s)."
    listed = {r.pk for r in client.get(reverse("triage_inbox:index")).context["object_list"]}
    assert listed == {world.referral.pk, world.accepted_referral.pk}
    # The log's older entries, written under the old key, still filter by unit.
    manager = verified_login(Client(), world.case_manager)
    page = manager.get(reverse("triage_audit:index"), {"unit": world.clinic.pk})
    actions_listed = {entry.action for entry in page.context["object_list"]}
    assert "view_packet" in actions_listed
