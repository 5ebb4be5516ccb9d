"""The case plan on the agency's side: needs, risk, safety plan, follow-up dates and
their reminders, the reporter's contact details, closing and reopening."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forms.triage import actions
from forms.triage.models import AuditEntry, Case, FollowUp, Need, Note, Referral
from forms.triage.workflow import IllegalTransition
from tests.forms.triage.conftest import make_staff, verified_login
from tests.utils import parse_html, texts

pytestmark = pytest.mark.django_db


def case_page(client, report):
    response = client.get(reverse("triage_queue:detail", args=[report.pk]))
    assert response.status_code == 200
    return parse_html(response.content)


def act(client, report, action, **data):
    url = reverse("triage_queue:action", args=[report.pk, action])
    return parse_html(client.post(url, data, follow=True).content)


def test_needs_are_added_and_the_agencys_own_are_updated_by_the_holder(world):
    need = actions.add_need(world.officer, world.held, "psychological", None, True)
    actions.update_need(world.officer, world.held, need, "in_progress", None, "Weekly sessions")
    need.refresh_from_db()
    assert (need.kind, need.state, need.by_agency, need.outcome) == (
        "psychological",
        "in_progress",
        True,
        "Weekly sessions",
    )
    assert b"Weekly" not in bytes(need.outcome_sealed)
    trail = AuditEntry.objects.filter(action__in=["add_need", "update_need"]).order_by("pk")
    assert [entry.detail for entry in trail] == [
        f"need {need.pk}: psychological",
        f"need {need.pk}: in_progress",
    ]
    with pytest.raises(actions.TriageError):
        actions.add_need(world.officer, world.held, "astrology")


def test_a_need_met_by_an_open_referral_follows_the_unit_not_a_form(world):
    visum = Need.objects.get(report=world.referred, kind="visum")
    with pytest.raises(actions.TriageError):
        actions.update_need(world.officer, world.referred, visum, "done")
    actions.update_need(world.officer, world.referred, visum, "cancelled")  # no longer needed
    assert Need.objects.get(pk=visum.pk).state == "cancelled"


def test_the_risk_and_the_safety_plan_are_kept_and_the_plan_is_sealed(client, world):
    today = timezone.localdate()
    actions.assess_risk(world.officer, world.held, "extreme", today)
    actions.update_safety_plan(world.officer, world.held, "Code word: mangga. Stay with aunt.")
    case = Case.objects.get(report=world.held)
    assert (case.risk_level, case.risk_assessed_on) == ("extreme", today)
    assert b"mangga" not in bytes(case.safety_plan_sealed)
    document = case_page(verified_login(client, world.officer), world.held)
    (risk,) = texts(document, "[data-testid=risk]")
    assert risk.startswith("Extreme: life in danger (")
    assert document.select_one("#safety-plan").get_text() == "Code word: mangga. Stay with aunt."
    assert not AuditEntry.objects.filter(detail__contains="mangga").exists()
    with pytest.raises(actions.TriageError):
        actions.assess_risk(world.officer, world.held, "grim", today)


def test_follow_up_dates_remind_the_holder_once_with_nothing_about_the_case(world, settings):
    settings.LANGUAGE_CODE = "en"
    today = timezone.localdate()
    due = actions.add_follow_up(world.officer, world.held, today, "Ask about the visum result")
    later = actions.add_follow_up(world.officer, world.held, today + timedelta(days=7))
    done = actions.add_follow_up(world.officer, world.verified, today - timedelta(days=1))
    actions.complete_follow_up(world.officer, world.verified, done)
    out = StringIO()
    call_command("send_follow_up_reminders", stdout=out)
    assert out.getvalue().strip() == "Reminded 1 follow-up date(s)."
    (message,) = mail.outbox
    assert message.to == ["officer@agency.example"]
    assert message.subject == "A follow-up date has come"
    assert message.body == (
        "A follow-up date you set on a case has come.\n\n"
        "Open it (sign-in and two-factor authentication required):\n"
        f"{settings.WAGTAILADMIN_BASE_URL}/admin/triage/reports/\n\n"
        "This notice deliberately contains nothing about the case."
    )
    assert FollowUp.objects.get(pk=due.pk).reminded_at is not None
    assert FollowUp.objects.get(pk=later.pk).reminded_at is None
    # Run again the same day: nobody is reminded twice.
    call_command("send_follow_up_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    # A week on, the later date comes.
    week = (today + timedelta(days=7)).isoformat()
    call_command("send_follow_up_reminders", "--date", week, stdout=StringIO())
    assert len(mail.outbox) == 2


def test_the_reporters_contact_is_shown_to_the_holder_and_masked_for_everyone_else(client, world):
    holder = case_page(verified_login(client, world.officer), world.held)
    assert "0812-0000-1111" in texts(holder, "[data-testid=contact]")[0]
    manager = case_page(verified_login(Client(), world.case_manager), world.held)
    assert not manager.select("[data-testid=contact]")
    assert manager.select_one("[data-testid=contact-masked]")
    assert "0812-0000-1111" not in manager.get_text()


def test_revealing_the_contact_needs_a_reason_is_audited_and_lasts_a_few_minutes(
    client, world, settings
):
    colleague = make_staff("colleague", ["Triage officer"], [world.regions["31.71"]])
    verified_login(client, colleague)
    page = act(client, world.held, "reveal_contact", reason=" ")
    assert "0812-0000-1111" not in page.get_text()
    assert not AuditEntry.objects.filter(action="reveal_contact").exists()
    page = act(client, world.held, "reveal_contact", reason="Reporter called, line cut off")
    assert "0812-0000-1111" in texts(page, "[data-testid=contact]")[0]
    entry = AuditEntry.objects.get(action="reveal_contact")
    note = Note.objects.get(pk=int(entry.detail.rsplit(" ", 1)[1]))
    assert entry.actor == colleague and "line cut off" not in entry.detail
    assert note.body == "Revealed the reporter's contact details: Reporter called, line cut off"
    # The reason is on the case for everyone who reads it later.
    assert any("line cut off" in t for t in texts(page, "[data-testid=notes] li"))
    settings.TRIAGE_CONTACT_REVEAL_MINUTES = 0
    assert not case_page(client, world.held).select("[data-testid=contact]")


def test_closing_asks_an_outcome_and_a_reason_and_waits_for_open_referrals(client, world):
    report = world.in_care  # its clinic referral is accepted, still open
    actions.change_status(world.officer, report, "resolved")
    verified_login(client, world.officer)
    page = act(client, report, "close", outcome="services_given", reason="All given")
    assert texts(page, ".messages li")[0].startswith(
        "A referral is still open: wait for the unit to end it, or revoke it first."
    )
    actions.complete(world.clinic_staff, world.accepted_referral, "given", "Seen twice")
    page = act(client, report, "close", outcome="", reason="All given")
    assert texts(page, ".messages li")[0].startswith(
        "Choose the outcome of the case and say why it closes."
    )
    page = act(client, report, "close", outcome="services_given", reason="All given")
    report.refresh_from_db()
    case = Case.objects.get(report=report)
    assert (report.status, case.closure_outcome) == ("closed", "services_given")
    assert case.closed_at is not None and case.due_at is None
    entry = AuditEntry.objects.get(report_id=report.pk, action="close")
    assert entry.detail.startswith("outcome services_given; reason in note ")
    assert "All given" not in entry.detail


def test_reopening_keeps_the_whole_history(world):
    report = world.in_care
    actions.change_status(world.officer, report, "resolved")
    actions.complete(world.clinic_staff, world.accepted_referral, "given")
    actions.close(world.officer, report, "services_given", "Done")
    before = (
        list(Referral.objects.filter(report=report).values_list("pk", "status")),
        list(Need.objects.filter(report=report).values_list("pk", "state")),
        list(Note.objects.filter(report=report).values_list("pk", flat=True)),
        AuditEntry.objects.filter(report_id=report.pk).count(),
    )
    actions.reopen(world.officer, report, "The reporter wrote again")
    report.refresh_from_db()
    assert report.status == "in_review"
    assert Case.objects.get(report=report).closure_outcome == ""
    after = (
        list(Referral.objects.filter(report=report).values_list("pk", "status")),
        list(Need.objects.filter(report=report).values_list("pk", "state")),
        list(Note.objects.filter(report=report).values_list("pk", flat=True))[:-1],
        AuditEntry.objects.filter(report_id=report.pk).count() - 1,
    )
    assert after == before
    with pytest.raises(IllegalTransition):
        actions.reopen(world.officer, report)


def test_an_officer_without_regions_is_told_so_instead_of_an_empty_queue(client, world):
    newcomer = make_staff("newcomer", ["Triage officer"])
    response = verified_login(client, newcomer).get(reverse("triage_queue:index"))
    assert texts(parse_html(response.content), "[data-testid=unscoped]") == [
        "No region is assigned to you yet, so no report can be shown. Ask an administrator "
        "to set your regions under Settings → Staff."
    ]


def test_the_case_page_shows_the_latest_history_and_links_the_whole_trail(client, world):
    from forms.triage.views.case import HISTORY

    for number in range(HISTORY + 5):
        actions.add_note(world.officer, world.held, f"Note {number}")
    document = case_page(verified_login(client, world.case_manager), world.held)
    entries = texts(document, "[data-testid=history] li")
    assert len(entries) == HISTORY
    # Oldest first, ending with this very read.
    assert "Viewed the decrypted report" in entries[-1]
    link = document.select_one(f"a[href='{reverse('triage_audit:index')}?report={world.held.pk}']")
    assert link is not None


def test_the_case_page_costs_the_same_queries_with_more_referrals_services_and_needs(client, world):
    """One query per kind of row (referrals, their services, threads, files, needs),
    none per referral, per service or per author: a case with a dozen units working on
    it opens as fast as one with a single referral."""
    verified_login(client, world.case_manager)
    report = world.referred
    case_page(client, report)  # the first admin request of a session records its time
    with CaptureQueriesContext(connection) as few:
        before = case_page(client, report)
    referral = actions.refer(world.officer, report, world.lawyers, ["legal", "shelter"], "Hi")
    actions.accept(world.lawyers_staff, referral)
    for kind in ("legal", "shelter"):
        actions.record_service(
            world.lawyers_staff, referral, kind, timezone.localdate(), "LBH", f"{kind} given"
        )
    actions.ask(world.lawyers_staff, referral, "Is the victim safe at home?")
    actions.answer_unit(world.officer, referral, "She stays with her aunt")
    actions.add_need(world.officer, report, "medical", by_agency=True)
    actions.add_follow_up(world.officer, report, timezone.localdate(), "Call the aunt")
    with CaptureQueriesContext(connection) as many:
        after = case_page(client, report)
    assert (
        len(texts(after, "[data-testid=referral]"))
        == len(texts(before, "[data-testid=referral]")) + 1
    )
    records = texts(after, f"[data-referral='{referral.pk}'] [data-testid=service-records] td")
    assert "legal given" in records and "shelter given" in records
    thread = texts(after, f"[data-referral='{referral.pk}'] [data-testid=unit-thread] li")
    assert "lawyers_staff" in thread[0] and "Is the victim safe at home?" in thread[0]
    assert "officer" in thread[1] and "She stays with her aunt" in thread[1]
    assert len(many) == len(few)


def test_the_case_facts_panel_appears_once(client, world):
    document = case_page(verified_login(client, world.case_manager), world.referred)
    assert len(document.select("[data-testid=case-facts]")) == 1
    assert len(document.select("#case-facts")) == 1
