"""A referral from the unit's side and back: the inbox, the packet, accept or decline,
record services, ask, complete; the case holder's revoke and answer; the letter."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forms.models import Attachment
from forms.triage import actions
from forms.triage.models import AuditEntry, Need, Referral, ReferralMessage, ServiceRecord
from forms.triage.workflow import IllegalTransition
from tests.forms.conftest import make_report
from tests.forms.triage.conftest import make_staff, verified_login
from tests.utils import parse_html, texts

pytestmark = pytest.mark.django_db

INBOX = reverse("triage_inbox:index")


def packet_url(referral):
    return reverse("triage_inbox:packet", args=[referral.pk])


def post(client, referral, action, **data):
    return client.post(
        reverse("triage_inbox:action", args=[referral.pk, action]), data, follow=True
    )


def needs(report):
    return sorted(Need.objects.filter(report=report).values_list("kind", "state"))


@pytest.fixture
def clinic(client, world):
    return verified_login(client, world.clinic_staff)


@pytest.fixture
def sensitive(world):
    """A verified report full of things a unit must not see, referred to the clinic with
    its contact details passed on and one of its two files attached."""
    report = make_report(
        world.regions["31.71.01.1001"],
        kinds=("sexual", "physical"),
        narrative="The whole story, only for the agency",
        place="Jl. Melati 3",
        contact_name="Ani",
        contact_channel="whatsapp",
        contact_details="0812-7777-1234",
        consent_referral=True,
        consent_contact=True,
        immediate_danger=True,
        victim_age_group="6-12",
        victim_sex="female",
    )
    shared = Attachment.store(report, b"%PDF-1.4 for the clinic", "application/pdf", "rm.pdf")
    Attachment.store(report, b"%PDF-1.4 agency only", "application/pdf", "private.pdf")
    actions.claim(world.officer, report)
    actions.verify(world.officer, report)
    actions.add_note(world.officer, report, "Internal: neighbour is the uncle")
    actions.message_reporter(world.officer, report, "Reporter thread message")
    referral = actions.refer(
        world.officer,
        report,
        world.clinic,
        ["visum", "medical"],
        "Girl, 6-12, needs a visum today",
        pass_contact=True,
        attachments=[shared],
    )
    return report, referral, shared


def test_the_packet_shows_what_the_unit_needs_and_nothing_else(clinic, world, sensitive):
    report, referral, shared = sensitive
    response = clinic.get(packet_url(referral))
    html = response.content.decode()
    document = parse_html(html)
    assert texts(document, "[data-testid=summary]") == ["Girl, 6-12, needs a visum today"]
    assert texts(document, "[data-testid=services]") == [
        "Visum (medical-legal examination), Medical care"
    ]
    assert "Ani" in texts(document, "[data-testid=packet-contact]")[0]
    assert "0812-7777-1234" in texts(document, "[data-testid=packet-contact]")[0]
    links = [a["href"] for a in document.select("a[download]")]
    assert links == [reverse("triage_inbox:download", args=[referral.pk, shared.pk])]
    for secret in (
        "The whole story",
        "Jl. Melati",
        "neighbour is the uncle",
        "Reporter thread message",
        "private.pdf",
        "rm.pdf",
    ):
        assert secret not in html, secret
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="view_packet", report_id=report.pk)
    assert entry.actor == world.clinic_staff and entry.detail == f"referral {referral.pk}"
    assert entry.unit_index == referral.unit_index


def test_contact_details_stay_with_the_agency_unless_passed_on_with_both_consents(client, world):
    verified_login(client, world.clinic_staff)
    contact = {"contact_details": "0812-5555-0000", "consent_referral": True}
    cases = [
        ({"consent_contact": True}, False),  # consents, but the officer did not pass them
        ({"consent_contact": False}, True),  # passed on, but the reporter said no contact
    ]
    for consents, pass_contact in cases:
        report = make_report(world.regions["31.71.01.1001"], **contact, **consents)
        actions.claim(world.officer, report)
        actions.verify(world.officer, report)
        referral = actions.refer(
            world.officer, report, world.clinic, ["medical"], pass_contact=pass_contact
        )
        document = parse_html(client.get(packet_url(referral)).content)
        assert "0812-5555-0000" not in document.get_text()
        assert "Not passed on" in texts(document, "[data-testid=packet-contact]")[0]


def test_a_file_not_attached_to_the_referral_cannot_be_downloaded(clinic, world, sensitive):
    report, referral, shared = sensitive
    private = Attachment.objects.exclude(pk=shared.pk).get(report=report)
    url = reverse("triage_inbox:download", args=[referral.pk, private.pk])
    assert clinic.get(url, follow=True).status_code == 404
    response = clinic.get(reverse("triage_inbox:download", args=[referral.pk, shared.pk]))
    assert response.content == b"%PDF-1.4 for the clinic"
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEntry.objects.filter(action="download_shared_file").count() == 1


def test_the_inbox_lists_danger_and_overdue_first_with_the_facts_a_unit_sorts_on(
    clinic, world, sensitive
):
    _report, danger, _shared = sensitive
    calm = make_report(world.regions["31.71.01.1001"], consent_referral=True)
    actions.claim(world.officer, calm)
    actions.verify(world.officer, calm)
    overdue = actions.refer(world.officer, calm, world.clinic, ["medical"])
    Referral.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - timedelta(hours=1))
    response = clinic.get(INBOX)
    listed = [referral.pk for referral in response.context["object_list"]]
    # Open before done; danger first; then overdue; then the oldest.
    assert listed == [danger.pk, overdue.pk, world.referral.pk, world.accepted_referral.pk]
    document = parse_html(response.content)
    rows = document.select("table.listing tbody tr")
    assert "Immediate danger" in rows[0].get_text() and "Child victim" in rows[0].get_text()
    assert rows[1].select_one(".triage-overdue") is not None
    assert "Visum (medical-legal examination), Medical care" in rows[0].get_text()


def test_a_unit_member_without_a_unit_is_told_so_instead_of_an_empty_list(client, world):
    newcomer = make_staff("newcomer", ["Unit staff"])
    response = verified_login(client, newcomer).get(INBOX)
    assert response.status_code == 200
    assert texts(parse_html(response.content), "[data-testid=unscoped]") == [
        "You are not a member of any service unit yet, so no referral can be shown. Ask "
        "your unit coordinator or an administrator to add you to your unit."
    ]


def test_accepting_answers_the_referral_and_starts_its_needs(clinic, world):
    response = post(clinic, world.referral, "accept")
    assert texts(parse_html(response.content), ".messages li") == [
        "Accepted. The case holder is told."
    ]
    referral = Referral.objects.get(pk=world.referral.pk)
    assert referral.status == "accepted" and referral.responded_at and referral.due_at is None
    assert needs(world.referred) == [
        ("legal", "planned"),  # the lawyers' revoked referral left it unmet
        ("medical", "in_progress"),
        ("visum", "in_progress"),
    ]
    # An answered referral cannot be answered again.
    with pytest.raises(IllegalTransition):
        actions.accept(world.clinic_staff, referral)


def test_declining_needs_a_reason_and_hands_the_needs_back_to_the_case_holder(client, world):
    verified_login(client, world.clinic_staff)
    post(client, world.referral, "decline", reason="  ")
    assert Referral.objects.get(pk=world.referral.pk).status == "sent"
    post(client, world.referral, "decline", reason="No forensic doctor this week")
    referral = Referral.objects.get(pk=world.referral.pk)
    assert (referral.status, referral.is_open) == ("declined", False)
    assert b"forensic" not in bytes(referral.decline_reason_sealed)
    assert needs(world.referred) == [
        ("legal", "planned"),
        ("medical", "planned"),
        ("visum", "planned"),
    ]
    # The unit no longer sees it; the case holder reads why, and can refer elsewhere.
    assert client.get(packet_url(referral), follow=True).status_code == 404
    verified_login(client, world.officer)
    case = parse_html(client.get(reverse("triage_queue:detail", args=[world.referred.pk])).content)
    assert texts(case, "[data-testid=decline-reason]") == ["No forensic doctor this week"]
    again = actions.refer(world.officer, world.referred, world.lawyers, ["medical"])
    assert Need.objects.get(report=world.referred, kind="medical").referral == again


def test_services_are_recorded_on_an_accepted_referral_only_and_sealed(clinic, world):
    record = {"kind": "visum", "given_on": timezone.localdate().isoformat(), "place": "IGD"}
    post(clinic, world.referral, "record_service", **record, note="Bruises documented")
    assert not ServiceRecord.objects.filter(referral=world.referral).exists()  # not accepted yet
    post(clinic, world.referral, "accept")
    post(clinic, world.referral, "record_service", **record, note="Bruises documented")
    (saved,) = ServiceRecord.objects.filter(referral=world.referral)
    assert (saved.kind, saved.place, saved.note) == ("visum", "IGD", "Bruises documented")
    assert b"Bruises" not in bytes(saved.note_sealed) and b"IGD" not in bytes(saved.place_sealed)
    # Only a service the referral asked for, and never in the future.
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    post(clinic, world.referral, "record_service", **{**record, "kind": "legal"})
    post(clinic, world.referral, "record_service", **{**record, "given_on": tomorrow})
    assert ServiceRecord.objects.filter(referral=world.referral).count() == 1
    entry = AuditEntry.objects.get(action="record_service")
    assert entry.detail == f"referral {world.referral.pk}; service visum; record {saved.pk}"


def test_the_unit_and_the_case_holder_talk_in_a_sealed_thread(client, world):
    unit, agency = (
        verified_login(client, world.clinic_staff),
        verified_login(Client(), world.officer),
    )
    post(unit, world.referral, "ask", body="Can the mother come too?")
    (question,) = ReferralMessage.objects.filter(referral=world.referral)
    assert question.from_unit and b"mother" not in bytes(question.body_sealed)
    url = reverse(
        "triage_queue:referral_action", args=[world.referred.pk, world.referral.pk, "answer_unit"]
    )
    agency.post(url, {"body": "Yes, she will come."})
    case = parse_html(agency.get(reverse("triage_queue:detail", args=[world.referred.pk])).content)
    assert "Can the mother come too?" in texts(case, "[data-testid=unit-thread]")[0]
    packet = parse_html(unit.get(packet_url(world.referral)).content)
    thread = texts(packet, "[data-testid=unit-thread] li")
    assert "Can the mother come too?" in thread[0] and "Yes, she will come." in thread[1]


@pytest.mark.parametrize(
    ("outcome", "states"),
    [("given", ["done"]), ("not_given", ["planned"])],
)
def test_completing_says_whether_the_services_were_given(client, world, outcome, states):
    verified_login(client, world.clinic_staff)
    referral = world.accepted_referral
    post(client, referral, "complete", note="All seen")  # no outcome: refused
    assert Referral.objects.get(pk=referral.pk).status == "accepted"
    post(client, referral, "complete", outcome=outcome, note="All seen")
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.is_open) == ("done", outcome, False)
    assert [state for _kind, state in needs(world.in_care)] == states
    # Done stays readable for the unit (its own record), but nothing more can be done.
    document = parse_html(client.get(packet_url(referral)).content)
    assert not document.select("form[action*='/act/']")


def test_revoking_takes_the_referral_away_from_the_unit_at_once(client, world):
    verified_login(client, world.clinic_staff)
    assert client.get(packet_url(world.referral)).status_code == 200
    actions.revoke(world.officer, world.referral, "Reporter asked us to stop")
    assert client.get(packet_url(world.referral), follow=True).status_code == 404
    listed = client.get(INBOX).context["object_list"]
    assert world.referral.pk not in [referral.pk for referral in listed]
    assert needs(world.referred) == [
        ("legal", "planned"),
        ("medical", "planned"),
        ("visum", "planned"),
    ]
    with pytest.raises(PermissionDenied):
        actions.accept(world.clinic_staff, Referral.objects.get(pk=world.referral.pk))


def test_one_open_referral_per_unit_and_report(world):
    with pytest.raises(actions.TriageError):
        actions.refer(world.officer, world.referred, world.clinic, ["psychological"])
    actions.revoke(world.officer, world.referral)
    again = actions.refer(world.officer, world.referred, world.clinic, ["psychological"])
    assert again.is_open


def test_the_answer_is_due_sooner_when_someone_is_in_immediate_danger(world, settings, sensitive):
    settings.REFERRAL_RESPONSE_HOURS, settings.REFERRAL_DANGER_RESPONSE_HOURS = 72, 4
    _report, danger, _shared = sensitive
    calm = world.referral
    for referral, hours in ((danger, 4), (calm, 72)):
        late = referral.due_at - referral.created_at - timedelta(hours=hours)
        assert abs(late) < timedelta(seconds=5)


def test_an_overdue_answer_shows_to_the_unit_and_on_the_case(client, world):
    Referral.objects.filter(pk=world.referral.pk).update(due_at=timezone.now() - timedelta(1))
    verified_login(client, world.clinic_staff)
    packet = parse_html(client.get(packet_url(world.referral)).content)
    assert texts(packet, "[data-testid=referral-overdue]") == ["Overdue"]
    verified_login(client, world.officer)
    case = parse_html(client.get(reverse("triage_queue:detail", args=[world.referred.pk])).content)
    assert texts(case, "[data-testid=referral-overdue]") == ["Answer overdue"]


def test_the_printed_letter_holds_the_packet_only_in_indonesian_marked_confidential(
    client, world, sensitive, settings
):
    settings.LOCALE_PATHS = [settings.BASE_DIR / "locale"]  # the real Indonesian catalogue
    report, referral, _shared = sensitive
    verified_login(client, world.officer)
    response = client.get(reverse("triage_queue:letter", args=[report.pk, referral.pk]))
    document = parse_html(response.content)
    assert document.html["lang"] == "id"
    assert texts(document, "[data-testid=confidential]")[0].startswith("RAHASIA")
    assert texts(document, "[data-testid=summary]") == ["Girl, 6-12, needs a visum today"]
    assert "Puskesmas Gambir" in document.select_one(".addressee").get_text()
    html = response.content.decode()
    for secret in ("The whole story", "neighbour is the uncle", "Reporter thread message"):
        assert secret not in html
    assert not document.select("script")  # nothing but the portal's own stylesheet
    assert [link["href"] for link in document.select("link")] == ["/static/triage/letter.css"]
    entry = AuditEntry.objects.get(action="print_letter")
    assert (entry.actor, entry.unit_index) == (world.officer, referral.unit_index)


def referred_to_clinic(world, **report_fields):
    report = make_report(world.regions["31.71.01.1001"], consent_referral=True, **report_fields)
    actions.claim(world.officer, report)
    actions.verify(world.officer, report)
    return actions.refer(world.officer, report, world.clinic, ["medical"])


@pytest.fixture
def busy_clinic(world):
    """The clinic's inbox across every segment: open and done, in danger or not, its
    answer overdue or not."""
    danger = referred_to_clinic(world, immediate_danger=True)
    late, on_time = referred_to_clinic(world), referred_to_clinic(world)
    Referral.objects.filter(pk__in=[danger.pk, late.pk]).update(
        due_at=timezone.now() - timedelta(hours=1)
    )
    actions.accept(world.clinic_staff, on_time)
    actions.complete(world.clinic_staff, world.accepted_referral, "given")
    return [danger, late, on_time]


@pytest.mark.parametrize("per_page", [1, 2, 3, 50])
def test_every_inbox_page_continues_the_list_across_its_segments(world, busy_clinic, per_page):
    from forms.triage.views.inbox import InboxPaginator, inbox_queryset

    now = timezone.now()
    whole = [referral.pk for referral in inbox_queryset(world.clinic_staff, now=now)]
    paginator = InboxPaginator(inbox_queryset(world.clinic_staff, now=now), per_page)
    paged = [
        referral.pk
        for number in paginator.page_range
        for referral in paginator.page(number).object_list
    ]
    danger, late, on_time = busy_clinic
    assert paginator.count == len(whole) == 5
    assert paged == whole
    # Open first: in danger, then overdue, then the oldest; the done one last.
    assert paged == [danger.pk, late.pk, world.referral.pk, on_time.pk, world.accepted_referral.pk]


def test_the_inbox_costs_the_same_queries_however_many_referrals_it_lists(
    clinic, world, busy_clinic
):
    clinic.get(INBOX)
    with CaptureQueriesContext(connection) as few:
        clinic.get(INBOX)
    for _ in range(3):
        referred_to_clinic(world)
    with CaptureQueriesContext(connection) as many:
        response = clinic.get(INBOX)
    assert response.context["paginator"].count == 8
    assert len(parse_html(response.content).select("tbody tr")) == 8
    assert len(many) == len(few)
