"""Open now, at fixed moments in Asia/Jakarta (UTC+7), in SQL and in Python alike."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from content.directory.hours import is_open, next_change, open_now_q
from content.models import ServiceUnitPage
from tests.content.directory.conftest import make_unit

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(day: str, time: str) -> datetime.datetime:
    """A moment given as Jakarta wall-clock time, expressed in UTC like timezone.now()."""
    moment = datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=JAKARTA)
    return moment.astimezone(datetime.UTC)


# 2026-11-23 is a Monday.
MONDAY, TUESDAY, SUNDAY = "2026-11-23", "2026-11-24", "2026-11-29"


@pytest.fixture
def units(directory):
    return {
        "office": make_unit(
            directory,
            "Office hours",
            hours=[(day, "08:00", "12:00") for day in range(5)]
            + [(day, "13:00", "16:00") for day in range(5)],
        ),
        "night": make_unit(directory, "Night shift", hours=[(0, "20:00", "02:00")]),
        "midnight": make_unit(directory, "Until midnight", hours=[(6, "18:00", "00:00")]),
        "always": make_unit(directory, "Always", open_24_hours=True),
        "never": make_unit(directory, "No hours given"),
    }


def open_titles(moment) -> set[str]:
    in_sql = set(ServiceUnitPage.objects.filter(open_now_q(moment)).values_list("title", flat=True))
    in_python = {
        unit.title
        for unit in ServiceUnitPage.objects.prefetch_related("opening_hours")
        if is_open(unit, moment)
    }
    assert in_sql == in_python
    return in_sql


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(MONDAY, "07:59"), {"Always"}),
        (at(MONDAY, "08:00"), {"Always", "Office hours"}),
        (at(MONDAY, "12:30"), {"Always"}),  # lunch break
        (at(MONDAY, "15:59"), {"Always", "Office hours"}),
        (at(MONDAY, "16:00"), {"Always"}),  # closing time is exclusive
        (at(MONDAY, "21:00"), {"Always", "Night shift"}),
        (at(TUESDAY, "01:30"), {"Always", "Night shift"}),  # Monday's shift, past midnight
        (at(TUESDAY, "02:00"), {"Always"}),
        (at(SUNDAY, "23:59"), {"Always", "Until midnight"}),
        (at(MONDAY, "00:00"), {"Always"}),  # "until midnight" ends at 00:00
        (at(SUNDAY, "10:00"), {"Always"}),  # no office hours at the weekend
    ],
)
def test_open_now_at_fixed_moments(units, moment, expected):
    assert open_titles(moment) == expected


def test_hours_are_read_in_jakarta_time_not_utc(units):
    # 01:30 UTC on Monday is 08:30 in Jakarta: the office is open.
    moment = datetime.datetime(2026, 11, 23, 1, 30, tzinfo=datetime.UTC)
    assert "Office hours" in open_titles(moment)


def test_unit_page_lists_hours_per_weekday_with_closed_days(client, units):
    html = client.get(units["office"].url).content.decode()
    assert "08.00–12.00, 13.00–16.00" in html
    with translation.override("id"):
        closed = f"<td>{translation.gettext('Closed')}</td>"
    assert html.count(closed) == 2  # Saturday and Sunday


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(MONDAY, "07:59"), at(MONDAY, "08:00")),  # the office opens
        (at(MONDAY, "12:30"), at(MONDAY, "13:00")),  # back from lunch
        (at(MONDAY, "16:30"), at(MONDAY, "20:00")),  # the night shift starts
        (at(TUESDAY, "01:30"), at(TUESDAY, "02:00")),  # ...and ends past midnight
        (at(SUNDAY, "10:00"), at(SUNDAY, "18:00")),
        (at(SUNDAY, "23:59"), at(MONDAY, "00:00") + datetime.timedelta(days=7)),
    ],
)
def test_next_change_is_the_next_opening_or_closing_of_any_unit(units, moment, expected):
    listed = list(ServiceUnitPage.objects.prefetch_related("opening_hours"))
    assert next_change(listed, moment) == expected


def test_units_that_never_open_or_never_close_never_change(units):
    steady = ServiceUnitPage.objects.filter(title__in=["Always", "No hours given"])
    assert next_change(list(steady.prefetch_related("opening_hours")), at(MONDAY, "09:00")) is None


def test_the_open_state_holds_until_the_next_change_and_flips_there(units):
    office = ServiceUnitPage.objects.prefetch_related("opening_hours").get(title="Office hours")
    moment = at(MONDAY, "06:00")
    for _ in range(6):  # opens 08:00, closes 12:00, opens 13:00, ... over two days
        change = next_change([office], moment)
        just_before = change - datetime.timedelta(seconds=1)
        assert is_open(office, just_before) == is_open(office, moment)
        assert is_open(office, change) != is_open(office, moment)
        moment = change
