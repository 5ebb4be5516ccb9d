"""Figures from reports made through the triage actions, against hand counts."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from html.parser import HTMLParser

import pytest
from django.utils import translation

from content import statistics
from tests.forms.statistics.conftest import statistics_page

pytestmark = pytest.mark.django_db

JAN, FEB, MAR, APR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 10)


def figures(tables, area="31.71", first=date(2026, 1, 1), last=date(2026, 3, 1)):
    with translation.override("en"):
        return statistics.source().figures(tables, area, first, last)


def texts(table):
    return {row.label: [cell.text for cell in row.cells] for row in table.rows}


def test_only_verified_reports_count_never_invalid_or_waiting(desk):
    desk.many(6, JAN)
    desk.report(JAN, status="new")
    desk.report(JAN, status="in_review")
    desk.report(JAN, status="invalid")
    desk.report(JAN, status="invalid_after_verification")
    desk.many(5, FEB)
    table = figures(["month"]).tables["month"]
    assert texts(table) == {
        "January 2026": ["6"],
        "February 2026": ["5"],
        "March 2026": ["0"],
        "All reports": ["11"],
    }


def test_reports_outside_the_area_or_the_period_are_not_counted(desk):
    desk.many(5, JAN)
    desk.many(3, JAN, region="35.78")  # Surabaya
    desk.many(2, APR)  # after the period
    assert texts(figures(["month"]).tables["month"])["All reports"] == ["5"]


def test_a_small_month_is_hidden_and_so_is_the_month_that_would_give_it_away(desk):
    desk.many(12, JAN)
    desk.many(3, FEB)
    desk.many(20, MAR)
    table = texts(figures(["month"]).tables["month"])
    assert table["February 2026"] == ["< 5"]
    assert table["January 2026"] == ["x"]  # 35 - 20 - x = 3 otherwise
    assert table["March 2026"] == ["20"] and table["All reports"] == ["35"]


def test_cross_table_by_age_and_sex_matches_the_hand_count(desk):
    for _ in range(6):
        desk.report(JAN, victim_age_group="13-17", victim_sex="female")
    for _ in range(7):
        desk.report(FEB, victim_age_group="25-44", victim_sex="female")
    for _ in range(5):
        desk.report(FEB, victim_age_group="25-44", victim_sex="male")
    rows = texts(figures(["age_sex"]).tables["age_sex"])
    # Columns: female, male, not recorded, total.
    assert rows["13 to 17 years"] == ["6", "0", "0", "6"]
    assert rows["25 to 44 years"] == ["7", "5", "0", "12"]
    assert rows["Total"] == ["13", "5", "0", "18"]


def test_the_total_shared_by_two_tables_is_hidden_in_both(desk):
    desk.many(3, JAN, victim_age_group="6-12", victim_sex="female")
    result = figures(["month", "age_sex"])
    assert (
        texts(result.tables["month"])["All reports"]
        == texts(result.tables["age_sex"])["Total"][-1:]
    )
    assert texts(result.tables["month"])["All reports"] == ["< 5"]


def test_kinds_count_each_report_once_per_kind_named(desk):
    for _ in range(5):
        desk.report(JAN, kinds=("physical", "psychological"))
    for _ in range(2):
        desk.report(JAN, kinds=("sexual",))
    rows = texts(figures(["kind"]).tables["kind"])
    assert rows["Physical violence"] == ["5"]
    assert rows["Psychological violence"] == ["5"]
    assert rows["Sexual violence"] == ["< 5"]
    assert rows["All reports"] == ["7"]


def test_districts_are_shown_only_when_every_district_clears_the_threshold(desk):
    desk.many(6, JAN, region="31.71.01.1001")  # Gambir
    desk.many(5, JAN, region="31.71.02")  # Sawah Besar
    rows = texts(figures(["area"]).tables["area"])
    assert rows == {
        "Gambir": ["6"],
        "Sawah Besar": ["5"],
        "Not recorded": ["0"],
        "All reports": ["11"],
    }
    desk.report(FEB, region="31.71.02")
    desk.many(2, FEB, region="31.71")  # only the regency known
    rows = texts(figures(["area"]).tables["area"])
    assert "Gambir" not in rows  # "Not recorded" (2) would be shown below the regency
    assert rows["Kota Jakarta Pusat"] == ["14"]


def test_the_figures_follow_a_state_change_at_once(desk):
    reports = desk.many(6, JAN)
    assert texts(figures(["month"]).tables["month"])["January 2026"] == ["6"]
    from forms.triage import actions

    actions.invalidate(desk.officer, reports[0], "A duplicate")
    assert texts(figures(["month"]).tables["month"])["January 2026"] == ["5"]


class Tables(HTMLParser):
    """The figures tables of a page as {title: {row label: [cell texts]}}."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell, self.heading = {}, None, None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self.heading = ""
        elif tag == "table" and ("class", "figures") in attrs:
            self.current = self.tables.setdefault(self.title, {})
        elif self.current is not None and tag == "tr":
            self.row = []
        elif self.row is not None and tag in ("th", "td"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "h2":
            self.title, self.heading = self.heading.strip(), None
        elif tag == "table":
            self.current = None
        elif tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.current is not None:
            self.current[self.row[0]] = self.row[1:]
            self.row = None

    def handle_data(self, data):
        if self.heading is not None:
            self.heading += data
        if self.cell is not None:
            self.cell += data


def test_the_csv_and_json_hold_exactly_what_the_page_shows(desk, home_page, client):
    desk.many(12, JAN, victim_age_group="25-44", victim_sex="female")
    desk.many(3, FEB, victim_age_group="13-17", victim_sex="female")
    desk.many(20, MAR, victim_age_group="25-44", victim_sex="male")
    page = statistics_page(home_page, ["month", "age_sex", "kind"])
    html = client.get(page.url)
    assert html.status_code == 200
    parser = Tables()
    parser.feed(html.content.decode())
    shown = {
        title: {
            k: v for k, v in rows.items() if k not in ("Month", "Age group", "Kind of violence")
        }
        for title, rows in parser.tables.items()
    }
    assert shown["Reports by year and month"]["Februari 2026"] == ["< 5"]

    from_csv = {}
    for record in csv.DictReader(
        io.StringIO(client.get(page.url + page.reverse_subpage("data_csv")).content.decode())
    ):
        from_csv.setdefault(record["table"], {}).setdefault(record["row"], []).append(
            record["value"]
        )
    assert from_csv == shown

    data = json.loads(client.get(page.url + page.reverse_subpage("data_json")).content)
    from_json = {
        table["title"]: {
            row["label"]: [cell["shown"] for cell in row["cells"]] for row in table["rows"]
        }
        for table in data["tables"]
    }
    assert from_json == shown
    hidden = [
        cell
        for t in data["tables"]
        for r in t["rows"]
        for cell in r["cells"]
        if cell["shown"] in ("< 5", "x")
    ]
    assert hidden and all(cell["value"] is None for cell in hidden)


def test_the_page_draws_its_charts_on_the_server_with_the_table_beside_them(
    desk, home_page, client
):
    desk.many(6, JAN)
    page = statistics_page(home_page, ["month"])
    response = client.get(page.url)
    html = response.content.decode()
    assert "<svg" in html and "<script" not in html.split("</header>", 1)[1].split("<footer", 1)[0]
    parser = Tables()
    parser.feed(html)
    assert parser.tables["Reports by year and month"]["Januari 2026"] == ["6"]


def test_place_and_perpetrator_relation_tables_match_the_hand_count(desk):
    from forms.models import Perpetrator

    for _ in range(6):
        report = desk.report(JAN, place_category="household")
        Perpetrator.objects.create(report=report, relation="partner")
        Perpetrator.objects.create(report=report, relation="partner")  # counted once
    for _ in range(5):
        report = desk.report(JAN, place_category="school")
        Perpetrator.objects.create(report=report, relation="teacher")
    result = figures(["place", "relation"])
    places = texts(result.tables["place"])
    assert places["Household (domestic violence)"] == ["6"]
    assert places["School"] == ["5"]
    assert places["All reports"] == ["11"]
    relations = texts(result.tables["relation"])
    assert relations["Partner or spouse"] == ["6"] and relations["Teacher"] == ["5"]
    assert relations["Not recorded"] == ["0"]


def test_purging_finished_reports_leaves_the_published_figures_as_they_were(desk):
    from django.core.management import call_command

    from forms.models import Report
    from forms.triage import actions

    handled = desk.many(6, JAN, kinds=("physical", "psychological"))
    handled += desk.many(5, FEB, kinds=("sexual",), victim_age_group="13-17", victim_sex="female")
    desk.report(FEB, status="invalid")
    kept = desk.many(7, MAR)
    tables = ["month", "kind", "age_sex"]
    before = {key: texts(table) for key, table in figures(tables).tables.items()}
    for report in [*handled, *Report.objects.filter(status="invalid")]:
        if report.status != "invalid":
            for status in ("in_handling", "resolved"):
                actions.change_status(desk.officer, report, status)
            actions.close(desk.officer, report, "services_given", "All given")
    call_command("purge_reports", "--days", "0", stdout=io.StringIO())
    assert set(Report.objects.values_list("pk", flat=True)) == {r.pk for r in kept}
    after = {key: texts(table) for key, table in figures(tables).tables.items()}
    assert after == before
    assert after["month"]["All reports"] == ["18"]


def test_a_recorded_call_counts_in_the_month_it_came_in_and_under_its_channel(desk):
    from datetime import datetime

    from django.utils import timezone

    from forms.models import Report

    called = timezone.make_aware(datetime(2026, 1, 28, 21))
    calls = desk.many(5, MAR, channel="phone_129")  # recorded in March...
    Report.objects.filter(pk__in=[r.pk for r in calls]).update(received_at=called)  # ...for January
    desk.many(6, FEB)
    result = figures(["month", "channel"])
    assert texts(result.tables["month"])["January 2026"] == ["5"]
    assert texts(result.tables["month"])["March 2026"] == ["0"]
    channels = texts(result.tables["channel"])
    assert channels["SAPA 129 phone call"] == ["5"]
    assert channels["Web form"] == ["6"]
