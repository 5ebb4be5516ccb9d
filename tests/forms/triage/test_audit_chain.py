"""The audit log as an attacker with the portal's database access meets it: append-only
on SQLite too, through every manager, and chained so that a change shows."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from forms.triage.models import AuditEntry, AuditLogIsAppendOnly
from tests.forms.triage.conftest import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(django_user_model):
    officer = django_user_model.objects.create_user("auditee", password="x" * 12)
    return [
        AuditEntry.record(officer, AuditEntry.Action.VIEW_REPORT, n, f"detail {n}")
        for n in range(1, 5)
    ]


@pytest.mark.parametrize(
    "statement",
    ["UPDATE triage_auditentry SET detail = 'rewritten'", "DELETE FROM triage_auditentry"],
)
def test_the_database_refuses_raw_updates_and_deletes(entries, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    mine = AuditEntry.objects.filter(actor__username="auditee")
    assert set(mine.values_list("detail", flat=True)) == {f"detail {n}" for n in range(1, 5)}


def test_the_base_manager_and_bulk_paths_refuse_too(entries):
    for attempt in (
        lambda: AuditEntry._base_manager.filter(pk=entries[0].pk).update(detail="x"),
        lambda: AuditEntry._base_manager.all().delete(),
        lambda: AuditEntry.objects.bulk_update(entries, ["detail"]),
        lambda: AuditEntry._base_manager.all()._raw_delete(connection.alias),
    ):
        with pytest.raises(AuditLogIsAppendOnly):
            attempt()
    assert AuditEntry.objects.filter(actor__username="auditee").count() == 4


def test_an_intact_log_verifies(entries, capsys):
    call_command("verify_audit_log")
    assert re.search(r"\d+ audit entries link up; head [0-9a-f]{64}", capsys.readouterr().out)


def break_in(sql: str, *params) -> None:
    """What an attacker who dropped the guard does: change the table behind the portal."""
    from forms.triage.models.audit import drop_sqlite_triggers, install_sqlite_triggers

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's own pending foreign-key checks first, or ALTER TABLE refuses.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE triage_auditentry DISABLE TRIGGER USER")
        drop_sqlite_triggers(connection)
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE triage_auditentry ENABLE TRIGGER USER")
        install_sqlite_triggers(connection)


@pytest.mark.parametrize("change", ["rewrite", "remove"])
def test_a_changed_or_removed_entry_breaks_the_chain_where_it_happened(entries, change):
    target = entries[1]
    if change == "rewrite":
        break_in("UPDATE triage_auditentry SET detail = 'nothing to see' WHERE id = %s", target.pk)
        expected = target.pk
    else:
        break_in("DELETE FROM triage_auditentry WHERE id = %s", target.pk)
        expected = entries[2].pk
    with pytest.raises(CommandError, match=f"broken at entry {expected}"):
        call_command("verify_audit_log")


def test_an_officer_refused_a_report_of_another_region_is_written_down(world):
    client = verified_login(Client(), world.other_officer)
    response = client.get(reverse("triage_queue:detail", args=[world.held.pk]))
    # A 404 (LocaleMiddleware turns it into a redirect to the public 404): nothing shown.
    assert response.status_code in {302, 404}
    assert "Held story" not in response.content.decode()
    refused = AuditEntry.objects.filter(action=AuditEntry.Action.REFUSED).get()
    assert (refused.actor, refused.report_id) == (world.other_officer, world.held.pk)


def test_an_editor_refused_the_queue_is_written_down(world):
    client = verified_login(Client(), world.editor)
    # Wagtail answers a refusal in the admin with a redirect to its home page.
    assert client.get(reverse("triage_queue:index")).status_code in {302, 403}
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REFUSED, actor=world.editor).exists()


def test_moving_a_referral_entry_to_another_unit_breaks_the_chain(world):
    """The unit's blind index is hashed too: an entry cannot be re-pointed at another
    unit (to hide which unit read a packet) without the chain showing it."""
    from forms.triage import unit_index

    entry = (
        AuditEntry.objects.filter(unit_index=unit_index.of(world.clinic)).order_by("-pk").first()
    )
    assert entry is not None
    call_command("verify_audit_log")
    break_in(
        "UPDATE triage_auditentry SET unit_index = %s WHERE id = %s",
        unit_index.of(world.lawyers),
        entry.pk,
    )
    with pytest.raises(CommandError, match=f"broken at entry {entry.pk}"):
        call_command("verify_audit_log")


def test_a_unit_member_refused_another_units_referral_is_written_down(world):
    client = verified_login(Client(), world.lawyers_staff)
    response = client.get(reverse("triage_inbox:packet", args=[world.referral.pk]))
    assert response.status_code in {302, 404}
    assert "Visum needed today" not in response.content.decode()
    refused = AuditEntry.objects.filter(
        action=AuditEntry.Action.REFUSED, actor=world.lawyers_staff
    ).get()
    assert refused.detail == f"referral {world.referral.pk} not to the user's units or missing"
