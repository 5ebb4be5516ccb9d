"""Each triage action on its own: what it changes, what it refuses, what it audits."""

import pytest
from django.core.exceptions import PermissionDenied

from forms.models import Author, Message
from forms.triage import actions
from forms.triage.models import AuditEntry, Case, Note, Referral
from forms.triage.workflow import IllegalTransition

pytestmark = pytest.mark.django_db


def audited(report, action):
    return list(
        AuditEntry.objects.filter(report_id=report.pk, action=action)
        .order_by("pk")
        .values_list("actor__username", "detail")
    )


def test_claiming_takes_the_report_into_review_and_sets_a_new_due_time(world):
    before = Case.objects.get(report=world.fresh).due_at
    actions.claim(world.officer, world.fresh)
    world.fresh.refresh_from_db()
    case = Case.objects.get(report=world.fresh)
    assert world.fresh.status == "in_review"
    assert case.assignee == world.officer and case.claimed_at is not None
    assert case.due_at > before
    assert audited(world.fresh, "claim") == [("officer", "")]


def test_a_claimed_report_cannot_be_claimed_again(world):
    with pytest.raises(actions.AlreadyClaimed):
        actions.claim(world.case_manager, world.held)
    assert Case.objects.get(report=world.held).assignee == world.officer


def test_releasing_puts_the_report_back_in_the_queue_as_new(world):
    actions.release(world.officer, world.held)
    world.held.refresh_from_db()
    assert world.held.status == "new"
    assert Case.objects.get(report=world.held).assignee is None


def test_only_the_holder_or_a_case_manager_works_on_a_held_report(world):
    from tests.forms.triage.conftest import make_staff

    colleague = make_staff("colleague", ["Triage officer"], [world.regions["31"]])
    with pytest.raises(PermissionDenied):
        actions.verify(colleague, world.held)
    actions.verify(world.case_manager, world.held)
    world.held.refresh_from_db()
    assert world.held.status == "verified"


def test_marking_invalid_needs_a_reason_which_is_kept_sealed_and_out_of_the_log(world):
    with pytest.raises(actions.TriageError):
        actions.invalidate(world.officer, world.held, "  ")
    actions.invalidate(world.officer, world.held, "Duplicate of report 12, same caller")
    world.held.refresh_from_db()
    assert world.held.status == "invalid"
    note = Note.objects.get(report=world.held)
    assert note.body == "Duplicate of report 12, same caller"
    assert b"Duplicate" not in bytes(note.body_sealed)
    ((actor, detail),) = audited(world.held, "invalidate")
    assert actor == "officer" and "Duplicate" not in detail


def test_status_changes_follow_the_workflow_only(world):
    with pytest.raises(IllegalTransition):
        actions.change_status(world.officer, world.in_care, "closed")
    actions.change_status(world.officer, world.in_care, "resolved")
    # Closing is an action of its own (an outcome and a reason), not a status change.
    with pytest.raises(IllegalTransition):
        actions.change_status(world.officer, world.in_care, "closed")
    world.in_care.refresh_from_db()
    assert world.in_care.status == "resolved"
    assert [detail for _actor, detail in audited(world.in_care, "change_status")] == [
        "referred -> resolved",
    ]


def test_the_generic_status_form_cannot_skip_verification(world):
    with pytest.raises(IllegalTransition):
        actions.change_status(world.officer, world.held, "verified")


def test_an_illegal_move_through_the_page_shows_an_error_and_changes_nothing(client, world):
    from django.urls import reverse

    from tests.forms.triage.conftest import verified_login

    verified_login(client, world.officer)
    url = reverse("triage_queue:action", args=[world.referred.pk, "change_status"])
    response = client.post(url, {"status": "closed"}, follow=True)
    assert "cannot go from" in response.content.decode()
    world.referred.refresh_from_db()
    assert world.referred.status == "referred"


def test_priority_is_set_and_audited(world):
    actions.set_priority(world.officer, world.held, 4)
    assert Case.objects.get(report=world.held).priority == 4
    assert audited(world.held, "set_priority") == [("officer", "priority 4")]
    with pytest.raises(actions.TriageError):
        actions.set_priority(world.officer, world.held, 9)


def test_case_managers_reassign_but_only_to_staff_who_may_see_the_report(world):
    with pytest.raises(PermissionDenied):
        actions.reassign(world.officer, world.held, world.case_manager)
    with pytest.raises(actions.TriageError):
        actions.reassign(world.case_manager, world.held, world.other_officer)
    with pytest.raises(actions.TriageError):
        actions.reassign(world.case_manager, world.held, world.editor)
    actions.reassign(world.case_manager, world.held, world.admin)
    assert Case.objects.get(report=world.held).assignee == world.admin
    assert audited(world.held, "reassign") == [("case_manager", f"to user {world.admin.pk}")]


def test_a_message_to_the_reporter_is_sealed_with_the_reports_key_and_readable_by_them(world):
    actions.message_reporter(world.officer, world.held, "Kami akan menelepon besok pagi.")
    message = Message.objects.get(report=world.held)
    assert message.author == Author.STAFF and message.staff_user == world.officer
    assert b"menelepon" not in bytes(message.body_sealed)
    # The reporter's follow-up page loads the message fresh, with the report's key.
    assert Message.objects.get(pk=message.pk).body == "Kami akan menelepon besok pagi."
    ((_actor, detail),) = audited(world.held, "message_reporter")
    assert "menelepon" not in detail


def test_internal_notes_are_sealed_and_staff_only(world):
    note = actions.add_note(world.officer, world.held, "Neighbour confirmed")
    assert Note.objects.get(pk=note.pk).body == "Neighbour confirmed"
    assert b"Neighbour" not in bytes(note.body_sealed)
    assert not Message.objects.filter(report=world.held).exists()


def test_referring_to_two_units_tracks_each_on_its_own(world):
    clinic = actions.refer(world.officer, world.verified, world.clinic, ["visum"], "Visum first")
    lawyers = actions.refer(world.officer, world.verified, world.lawyers, ["legal"], "Then court")
    world.verified.refresh_from_db()
    assert world.verified.status == "referred"
    actions.accept(world.clinic_staff, clinic)
    actions.decline(world.lawyers_staff, lawyers, "No lawyer free this month")
    stored = {
        r.pk: (r.status, r.services, r.summary, r.unit_pk)
        for r in Referral.objects.filter(report=world.verified)
    }
    assert stored == {
        clinic.pk: ("accepted", ["visum"], "Visum first", world.clinic.pk),
        lawyers.pk: ("declined", ["legal"], "Then court", world.lawyers.pk),
    }
    assert [detail for _actor, detail in audited(world.verified, "refer")] == [
        f"referral {clinic.pk}; services visum",
        f"referral {lawyers.pk}; services legal",
    ]


def test_a_new_report_cannot_be_referred_before_it_is_verified(world):
    actions.claim(world.officer, world.fresh)
    with pytest.raises(IllegalTransition):
        actions.refer(world.officer, world.fresh, world.clinic, ["medical"])
    assert not Referral.objects.filter(report=world.fresh).exists()


def test_no_audit_entry_holds_anything_the_reporter_wrote(world):
    actions.message_reporter(world.officer, world.held, "Secret reply")
    actions.add_note(world.officer, world.held, "Secret note")
    actions.invalidate(world.officer, world.held, "Secret reason")
    texts = " ".join(AuditEntry.objects.values_list("detail", flat=True))
    for secret in ("Held story", "0812", "Secret", "visum.pdf"):
        assert secret not in texts
