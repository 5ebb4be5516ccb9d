"""Reports in known states and months, made through the triage actions, and a
statistics page that shows them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from content.models import StatisticsPage
from forms.models import Report
from forms.triage import actions
from tests.forms.conftest import make_report
from tests.forms.triage.conftest import make_staff


def received(report, day: date) -> None:
    """Date the report back to ``day`` (the form stamps the moment it is filed)."""
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 10))
    Report.objects.filter(pk=report.pk).update(created_at=moment)


class Desk:
    """A triage officer who files and handles reports of one area."""

    def __init__(self, regions):
        self.regions = regions
        self.officer = make_staff("stats_manager", ["Case manager"])

    def report(self, day, region="31.71.01.1001", status="verified", **fields):
        report = make_report(self.regions[region], **fields)
        received(report, day)
        if status == "new":
            return report
        actions.claim(self.officer, report)
        if status == "verified":
            actions.verify(self.officer, report)
        elif status == "invalid":
            actions.invalidate(self.officer, report, "A test report")
        elif status == "invalid_after_verification":
            actions.verify(self.officer, report)
            actions.invalidate(self.officer, report, "A duplicate of another report")
        return report

    def many(self, count, day, **fields):
        return [self.report(day, **fields) for _ in range(count)]


@pytest.fixture
def desk(regions):
    cache.clear()
    return Desk(regions)


def statistics_page(home_page, tables, area="31.71", first=date(2026, 1, 1), last=date(2026, 3, 1)):
    page = StatisticsPage(
        title="Angka kekerasan",
        slug="angka",
        area_id=area,
        first_month=first,
        last_month=last,
        body=[("text", "<p>Konteks.</p>")]
        + [("figures", {"table": key, "chart": True, "context": ""}) for key in tables],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page
