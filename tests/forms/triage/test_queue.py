"""The queue: what it lists, in which order, with which filters, and what it never shows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from forms.models import CaptchaState, Report, ViolenceKind
from forms.triage.models import AuditEntry, Case
from tests.forms.conftest import make_report
from tests.forms.triage.conftest import verified_login
from tests.utils import parse_html

pytestmark = pytest.mark.django_db

QUEUE = reverse("triage_queue:index")


def listed(client, **params):
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return [case.report_id for case in response.context["object_list"]]


def label_in_indonesian(choice) -> str:
    with translation.override("id"):
        return str(choice.label)


def age(report, **delta):
    received = timezone.now() - timedelta(**delta)
    Report.objects.filter(pk=report.pk).update(created_at=received)
    Case.objects.filter(report=report).update(received_at=received)


@pytest.fixture
def manager(client, world):
    return verified_login(client, world.case_manager)


def order_on_the_page(client, reports, **params) -> list:
    """The given reports in the order the list HTML shows them (others ignored)."""
    html = client.get(QUEUE, params).content.decode()
    links = {report.pk: f'href="{detail_url(report)}"' for report in reports}
    assert all(link in html for link in links.values()), "a report is missing from the list"
    return sorted(reports, key=lambda report: html.index(links[report.pk]))


def detail_url(report) -> str:
    return reverse("triage_queue:detail", args=[report.pk])


def due_in(report, **delta):
    Case.objects.filter(report=report).update(due_at=timezone.now() + timedelta(**delta))


@pytest.fixture
def each_rule(world):
    """Reports that differ in one sort key at a time (danger, overdue, age)."""
    village = world.regions["31.71.01.1001"]
    made = {}
    for name, danger, received_days_ago, due_hours in [
        ("danger_new", True, 0, 1),  # danger, just in, not overdue
        ("danger_old", True, 5, 2),  # danger, older, not overdue
        ("danger_overdue", True, 0, -1),  # danger and overdue
        ("overdue_recent", False, 1, -2),  # overdue, received yesterday
        ("overdue_older", False, 2, -1),  # overdue, received two days ago
        ("waiting_oldest", False, 9, 20),  # not overdue, the oldest of all
        ("waiting_recent", False, 3, 20),  # not overdue, older than the overdue ones
    ]:
        report = make_report(village, immediate_danger=danger)
        age(report, days=received_days_ago)
        due_in(report, hours=due_hours)
        made[name] = report
    return made


def test_the_list_shows_danger_first_then_overdue_then_the_oldest(manager, each_rule):
    by_pk = {report.pk: name for name, report in each_rule.items()}
    order = [by_pk[r.pk] for r in order_on_the_page(manager, list(each_rule.values()))]
    assert order == [
        # Immediate danger before anything else; among them the overdue one first,
        # then the oldest, even though it is due later than the new one.
        "danger_overdue",
        "danger_old",
        "danger_new",
        # Then the overdue reports, oldest submission first (not the most overdue)...
        "overdue_older",
        "overdue_recent",
        # ...then everything else, oldest first, though received long before the above.
        "waiting_oldest",
        "waiting_recent",
    ]


def test_a_report_turns_overdue_by_the_clock_alone(world, each_rule):
    """No write between two reads: only the time of the request changes the order."""
    from forms.triage.views import queue_queryset

    waiting, overdue = each_rule["waiting_recent"], each_rule["overdue_recent"]
    due_in(waiting, hours=1)
    keep = [waiting.pk, overdue.pk]

    def order(now):
        rows = queue_queryset(world.case_manager, now=now).filter(report_id__in=keep)
        return [case.report_id for case in rows]

    assert order(timezone.now()) == [overdue.pk, waiting.pk]
    # Two hours later "waiting" is overdue too, and it was submitted earlier.
    assert order(timezone.now() + timedelta(hours=2)) == [waiting.pk, overdue.pk]


def test_the_overdue_flag_in_the_list_matches_the_order(manager, each_rule):
    html = manager.get(QUEUE).content.decode()
    rows = html.split("<tr")
    for name, report in each_rule.items():
        (row,) = [row for row in rows if f'href="{detail_url(report)}"' in row]
        assert ("triage-overdue" in row) is ("overdue" in name), name


def test_closed_reports_sink_below_every_open_one(manager, world):
    from forms.triage import actions

    actions.claim(world.officer, world.fresh)
    actions.invalidate(world.officer, world.fresh, "Prank call")
    assert listed(manager)[-1] == world.fresh.pk


def test_the_list_never_shows_decrypted_text(manager, world):
    response = manager.get(QUEUE)
    page = response.content.decode()
    for secret in ("Fresh story", "Held story", "0812-0000-1111", "Verified story"):
        assert secret not in page
    # Nor is reading the list an audited read of content.
    assert not AuditEntry.objects.filter(action="view_report").exists()


def test_the_list_shows_the_triage_columns(manager, world):
    Report.objects.filter(pk=world.fresh.pk).update(captcha_state=CaptchaState.UNVERIFIED)
    Case.objects.filter(report=world.fresh).update(due_at=timezone.now() - timedelta(hours=1))
    page = manager.get(QUEUE).content.decode()
    for text in (
        f"#{world.fresh.pk}",
        label_in_indonesian(ViolenceKind.SEXUAL),
        # The regency: the village is sealed, shown only on the (audited) report page.
        "Kota Jakarta Pusat",
        "officer",
        "triage-flag--critical",
        "triage-flag--warning",
        "triage-overdue",
    ):
        assert text in page, text


def test_times_in_the_list_read_in_the_portals_time_zone(manager, world, settings):
    # 23:30 UTC is 06:30 the next morning in Jakarta: a staff member reads the latter.
    due = timezone.now().replace(hour=23, minute=30, second=0, microsecond=0) + timedelta(days=1)
    Case.objects.filter(report=world.fresh).update(due_at=due)
    row = next(
        row
        for row in parse_html(manager.get(QUEUE).content).select("tbody tr")
        if row.select_one(f'a[href="{detail_url(world.fresh)}"]')
    )
    shown = row.select_one(f'time[datetime="{due.isoformat()}"]')
    with translation.override("id"):
        expected = formats.date_format(timezone.localtime(due), "SHORT_DATETIME_FORMAT")
    assert settings.TIME_ZONE == "Asia/Jakarta" and timezone.localtime(due).hour == 6
    assert shown.get_text(strip=True) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"immediate_danger": "true"}, {"fresh"}),
        ({"violence": "sexual"}, {"fresh"}),
        ({"status": "referred"}, {"referred", "in_care"}),
        ({"status": ["new", "verified"]}, {"fresh", "elsewhere", "verified"}),
        ({"region": "35.78"}, {"elsewhere"}),
        ({"region": "31.71"}, {"fresh", "held", "verified", "referred", "in_care"}),
        ({"unassigned": "true"}, {"fresh", "elsewhere"}),
        ({"captcha_unverified": "true"}, set()),
        ({"due": "none"}, set()),
        ({"received": "older"}, set()),
        ({"received": "1d"}, {"fresh", "held", "verified", "referred", "in_care", "elsewhere"}),
    ],
)
def test_each_filter_narrows_the_queue(manager, world, params, expected):
    names = {"fresh", "held", "verified", "referred", "in_care", "elsewhere"}
    ids = {getattr(world, name).pk: name for name in names}
    assert {ids[pk] for pk in listed(manager, **params)} == expected


def test_the_assignee_and_due_filters(manager, world):
    assert set(listed(manager, assignee=world.officer.pk)) == {
        world.held.pk,
        world.verified.pk,
        world.referred.pk,
        world.in_care.pk,
    }
    Case.objects.filter(report=world.held).update(due_at=timezone.now() - timedelta(hours=2))
    assert listed(manager, due="overdue") == [world.held.pk]


def test_an_officer_sees_reports_of_sub_regions_but_not_other_provinces(client, world):
    verified_login(client, world.officer)
    assert world.elsewhere.pk not in listed(client)
    assert world.held.pk in listed(client)


def test_queries_per_page_do_not_grow_with_the_page_size(manager, world):
    village = world.regions["31.71.01.1001"]
    # Warm up: the first admin request of a session also records its activity time.
    manager.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        manager.get(QUEUE)
    for _ in range(15):
        make_report(village, kinds=("physical", "psychological"))
    with CaptureQueriesContext(connection) as many:
        manager.get(QUEUE)
    assert len(many) == len(few)


@pytest.mark.parametrize(("viewer", "size"), [("case_manager", 13), ("officer", 12)])
@pytest.mark.parametrize("per_page", [1, 2, 3, 50])
def test_every_page_continues_the_queue_across_danger_and_overdue_boundaries(
    world, each_rule, per_page, viewer, size
):
    """Pages are cut per segment (forms/triage/paging.py): read one after another,
    they give the whole queue once, in order, whatever the page size; an officer's
    pages keep to the officer's regions (no report from Surabaya)."""
    from forms.triage.views import QueuePaginator, queue_queryset

    now, user = timezone.now(), getattr(world, viewer)
    whole = [case.report_id for case in queue_queryset(user, now=now)]
    paginator = QueuePaginator(queue_queryset(user, now=now), per_page)
    paged = [
        case.report_id
        for number in paginator.page_range
        for case in paginator.page(number).object_list
    ]
    assert paginator.count == len(whole) == size
    assert paged == whole
    assert (world.elsewhere.pk in paged) is (viewer == "case_manager")


def test_a_deep_page_costs_the_same_queries_as_the_first(manager, world, each_rule):
    from forms.triage.views import TriageViewSet

    assert TriageViewSet.list_per_page == 50
    village = world.regions["31.71.01.1001"]
    for _ in range(50):
        make_report(village)
    manager.get(QUEUE)
    with CaptureQueriesContext(connection) as first:
        manager.get(QUEUE)
    with CaptureQueriesContext(connection) as second:
        response = manager.get(QUEUE, {"p": 2})
    assert response.context["page_obj"].number == 2
    assert len(response.context["object_list"]) == 63 - 50
    assert len(second) == len(first)
