"""Nothing that waits goes unseen: a reporter's message tells the holder and marks the
queue, danger with nobody on duty or left overdue reaches the case managers, due
times keep the truth, every dashboard figure equals the list it links to, and the
queue finds a report by number and by receipt code (an audited search)."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from content.models import Region
from forms import receipts
from forms.intake import add_reply
from forms.triage import actions
from forms.triage.models import AuditEntry, Case
from forms.triage.views.queue import dashboard_figures
from tests.forms.conftest import make_regions, make_report
from tests.forms.triage.conftest import make_staff, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(db):
    make_regions()
    return {region.code: region for region in Region.objects.all()}


@pytest.fixture
def officer(regions):
    return make_staff("holder", ["Triage officer"], [regions["31.71"]], on_duty=True)


@pytest.fixture
def manager(regions):
    return make_staff("manager", ["Case manager"], email="manager@agency.example")


def queue_numbers(client, query="") -> list[int]:
    response = client.get(reverse("triage_queue:index") + query)
    assert response.status_code == 200
    return [case.report_id for case in response.context["object_list"]]


def test_a_reporter_message_tells_the_holder_and_marks_the_queue_until_read(
    client, regions, officer, django_capture_on_commit_callbacks
):
    report = make_report(regions["31.71"])
    actions.claim(officer, report)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        add_reply(report, {"body": "Saya takut, dia pulang malam ini."})

    assert [message.to for message in mail.outbox] == [["holder@agency.example"]]
    assert "Saya takut" not in mail.outbox[0].body
    verified_login(client, officer)
    assert queue_numbers(client, "?new_message=true") == [report.pk]
    # The holder reads the thread: the marker is gone.
    client.get(reverse("triage_queue:detail", args=[report.pk]))
    assert queue_numbers(client, "?new_message=true") == []


def test_an_unclaimed_report_message_goes_to_the_on_duty_officers(
    regions, officer, django_capture_on_commit_callbacks
):
    report = make_report(regions["31.71"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        add_reply(report, {"body": "", "evidence": []})
    assert [message.to for message in mail.outbox] == [["holder@agency.example"]]
    assert Case.objects.get(report=report).unread_from_reporter


def test_danger_with_nobody_on_duty_reaches_the_case_managers(
    regions, manager, django_capture_on_commit_callbacks
):
    make_staff("off_duty", ["Triage officer"], [regions["35.78"]])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(regions["35.78"], immediate_danger=True)
    assert [message.to for message in mail.outbox] == [["manager@agency.example"]]
    assert Case.objects.get(report=report).escalated_at is not None
    figures = {figure["key"]: figure["count"] for figure in dashboard_figures(manager)}
    assert figures["escalated"] == 1


def test_danger_left_overdue_is_escalated_once(regions, officer, manager):
    report = make_report(regions["31.71"], immediate_danger=True)
    Case.objects.filter(report=report).update(due_at=timezone.now() - timedelta(minutes=1))
    mail.outbox.clear()
    out = io.StringIO()
    call_command("escalate_overdue", stdout=out)
    call_command("escalate_overdue", stdout=out)
    assert out.getvalue() == "Escalated 1 report(s).\nEscalated 0 report(s).\n"
    assert [message.to for message in mail.outbox] == [["manager@agency.example"]]


def test_claiming_an_overdue_report_keeps_it_overdue_and_its_first_response_late(
    regions, officer, manager
):
    report = make_report(regions["31.71"])
    late = timezone.now() - timedelta(hours=2)
    Case.objects.filter(report=report).update(due_at=late, first_response_due_at=late)
    actions.claim(officer, report)
    case = Case.objects.get(report=report)
    assert case.due_at == late and case.is_overdue
    assert case.first_response_at is not None and case.first_response_late
    figures = {figure["key"]: figure["count"] for figure in dashboard_figures(manager)}
    assert figures["overdue"] == 1 and figures["late"] == 1
    # Released and claimed again: the first response stays the first.
    first = case.first_response_at
    actions.release(officer, report)
    actions.claim(officer, report)
    assert Case.objects.get(report=report).first_response_at == first


def test_a_recorded_report_counts_its_deadline_from_its_arrival(regions):
    arrived = timezone.now() - timedelta(hours=30)
    report = make_report(regions["31.71"], received_at=arrived)
    case = Case.objects.get(report=report)
    assert case.first_response_due_at == arrived + timedelta(hours=24)
    assert case.first_response_late and case.is_overdue


def test_every_dashboard_figure_equals_the_list_it_links_to(client, regions, officer, manager):
    now = timezone.now()
    held = make_report(regions["31.71"], immediate_danger=True)
    actions.claim(officer, held)
    make_report(regions["31.71"], immediate_danger=True)
    overdue = make_report(regions["31.71.01.1001"])
    Case.objects.filter(report=overdue).update(
        due_at=now - timedelta(hours=1), first_response_due_at=now - timedelta(hours=1)
    )
    closed = make_report(regions["31.71"], immediate_danger=True, status="closed")
    Case.objects.filter(report=closed).update(is_open=False)
    add_reply(held, {"body": "Pesan baru"})
    Case.objects.filter(report=overdue).update(escalated_at=now)
    for user in (officer, manager):
        client.logout()
        verified_login(client, user)
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        shown = dashboard_figures(user)
        assert any(figure["count"] for figure in shown)
        for figure in shown:
            listed = queue_numbers(client, figure["url"][figure["url"].index("?") :])
            assert figure["count"] == len(listed), figure["key"]
            # The panel on the dashboard shows this very figure.
            assert f'data-triage-count="{figure["key"]}">{figure["count"]}<' in home


def test_the_queue_finds_a_report_by_number_and_by_receipt_code(client, regions, officer):
    code = receipts.new_code()
    wanted = make_report(regions["31.71"], receipt_digest=receipts.digest(code))
    make_report(regions["31.71"])
    verified_login(client, officer)
    assert queue_numbers(client, f"?number={wanted.pk}") == [wanted.pk]
    typed = receipts.display(code)  # as read out on the phone, with spaces
    assert queue_numbers(client, f"?receipt={typed}") == [wanted.pk]
    assert queue_numbers(client, "?receipt=1234 5678 9012 3456") == []
    searches = AuditEntry.objects.filter(action=AuditEntry.Action.SEARCH_RECEIPT)
    assert [entry.detail for entry in searches.order_by("pk")] == [
        "receipt search: found",
        "receipt search: nothing found",
    ]
    assert all(code not in entry.detail and code[:8] not in entry.detail for entry in searches)


def test_an_officer_cannot_find_another_regions_report_by_its_code(client, regions, officer):
    code = receipts.new_code()
    make_report(regions["35.78"], receipt_digest=receipts.digest(code))
    verified_login(client, officer)
    assert queue_numbers(client, f"?receipt={code}") == []


def test_the_audit_log_reads_in_names_and_words_and_exports_to_csv(
    client, regions, officer, manager
):
    officer.first_name, officer.last_name = "Siti", "Rahma"
    officer.save()
    report = make_report(regions["31.71"])
    actions.reassign(manager, report, officer)
    actions.record_view(officer, report)
    verified_login(client, manager)
    index = reverse("triage_audit:index")
    listing = client.get(index + f"?report={report.pk}")
    html = listing.content.decode()
    assert "Siti Rahma" in html and f"to user {officer.pk}" not in html
    reads = client.get(index + f"?report={report.pk}&kind=reads").context["object_list"]
    assert [entry.action for entry in reads] == [AuditEntry.Action.VIEW_REPORT]
    done = client.get(index + f"?report={report.pk}&kind=actions").context["object_list"]
    assert AuditEntry.Action.VIEW_REPORT not in [entry.action for entry in done]

    exported = client.get(reverse("triage_audit:export_csv") + f"?report={report.pk}")
    assert exported.status_code == 200 and exported["Content-Type"] == "text/csv"
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert any("Siti Rahma" in line for line in lines[1:])
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.EXPORT, actor=manager, detail__startswith="audit log csv"
    ).exists()
    # An officer reads no log, and exports none.
    client.logout()
    verified_login(client, officer)
    refused = client.get(reverse("triage_audit:export_csv"))
    assert refused.status_code in (302, 403)
