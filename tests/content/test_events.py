"""Events: the index (upcoming first), event pages, and their iCalendar download."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from content.calendar import escape_text, fold
from content.models import EventIndexPage, EventPage, HomePage
from tests.content.pages import on, publish

pytestmark = pytest.mark.django_db


def test_event_page_shows_kind_time_place_and_region(client, public_tree):
    response = client.get(public_tree.event.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Sosialisasi di SDN Ketabang</h1>" in html
    assert "Aula SDN Ketabang 1" in html
    assert "Jl. Ketabang Kali No. 1<br>Surabaya" in html
    assert "Kota Surabaya" in html
    local_start = timezone.localtime(public_tree.event.start)
    assert f'datetime="{local_start.isoformat()}"' in html
    assert "09:00" in html
    assert f'href="{public_tree.event.url}ics/"' in html


def test_an_event_ending_on_its_day_shows_only_its_end_time_and_a_longer_one_its_end_date(
    client, public_tree
):
    from django.template.defaultfilters import date as date_filter
    from django.test.html import parse_html
    from django.utils import translation

    event = public_tree.event  # 09:00 to 11:00 on one day
    end = timezone.localtime(event.end)
    page = parse_html(client.get(event.url).content.decode())
    assert page.count(parse_html(f'<time datetime="{end.isoformat()}">11:00</time>')) == 1

    event.end = event.start + timedelta(days=1, hours=2)
    event.save_revision().publish()
    end = timezone.localtime(event.end)
    with translation.override("id"):
        full = date_filter(end, "l, j F Y, H:i")  # e.g. "Jumat, 11 Desember 2026, 11:00"
    page = parse_html(client.get(event.url).content.decode())
    assert page.count(parse_html(f'<time datetime="{end.isoformat()}">{full}</time>')) == 1


def test_unpublished_event_is_a_404(client, public_tree):
    url = public_tree.event.url
    public_tree.event.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(url + "ics/").status_code == 404


def test_event_index_shows_upcoming_events_and_past_ones_on_request(client, public_tree):
    past = publish(
        public_tree.events,
        EventPage(
            title="Rapat koordinasi lalu",
            slug="rapat-lalu",
            summary="-",
            kind=EventPage.Kind.COORDINATION,
            start=on(timezone.localdate() - timedelta(days=20)),
            place="Kantor Dinas",
        ),
    )
    upcoming = client.get(public_tree.events.url).content.decode()
    assert public_tree.event.title in upcoming
    assert past.title not in upcoming
    earlier = client.get(public_tree.events.url + "?past=1").content.decode()
    assert past.title in earlier
    assert public_tree.event.title not in earlier


def test_ics_download_is_a_calendar_file_with_crlf_utc_times_and_a_stable_uid(client, public_tree):
    event = public_tree.event
    response = client.get(event.url + "ics/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="sosialisasi-sdn-ketabang.ics"'
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    start_utc = event.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start_utc}" in lines
    assert f"UID:event-{event.translation_key}@testserver" in lines
    assert "SUMMARY:Sosialisasi di SDN Ketabang" in lines
    assert "LOCATION:Aula SDN Ketabang 1\\, Jl. Ketabang Kali No. 1\\, Surabaya" in lines
    # Downloading again gives the same UID, so a calendar updates instead of duplicating.
    assert client.get(event.url + "ics/").content.decode() == text


def test_ics_text_escapes_the_characters_rfc5545_reserves():
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_ics_long_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "Perempuan dan anak — layanan terpadu; " * 6
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line


def test_event_cannot_end_before_it_starts(public_tree):
    event = public_tree.event
    event.end = event.start - timedelta(hours=1)
    with pytest.raises(Exception, match="end"):
        event.full_clean()


class EventTreeRules(WagtailPageTestCase):
    def test_events_live_under_an_event_index(self):
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, set())
