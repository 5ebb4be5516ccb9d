"""The append-only audit log (forms/triage/models/audit.py)."""

import pytest
from django.db import DatabaseError, connection, transaction

from forms.triage.models import AuditEntry, AuditLogIsAppendOnly

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(django_user_model):
    officer = django_user_model.objects.create_user("auditee", password="x" * 12)
    return AuditEntry.record(officer, AuditEntry.Action.VIEW_REPORT, 41)


def test_an_entry_records_who_what_and_which_report(entry):
    stored = AuditEntry.objects.get()
    assert (stored.actor.username, stored.action, stored.report_id) == (
        "auditee",
        "view_report",
        41,
    )
    assert stored.created_at is not None


def test_an_entry_cannot_be_changed_through_the_model(entry):
    entry.action = AuditEntry.Action.CLAIM
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    assert AuditEntry.objects.get().action == "view_report"


def test_an_entry_cannot_be_deleted_through_the_model_or_a_queryset(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="rewritten")
    assert AuditEntry.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)
def test_postgresql_refuses_raw_updates_and_deletes_of_the_audit_log(entry):
    for statement in (
        "UPDATE triage_auditentry SET detail = 'rewritten'",
        "DELETE FROM triage_auditentry",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEntry.objects.get().detail == ""
