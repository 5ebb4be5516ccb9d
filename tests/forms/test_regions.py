"""Where a report happened, as a database dump shows it: the regency, nothing finer."""

import hashlib

import pytest

from forms import regions
from forms.models import Report
from forms.triage import access
from tests.forms.conftest import filed
from tests.forms.test_privacy import raw_rows
from tests.forms.triage.conftest import make_staff


def test_a_dump_shows_the_regency_but_not_the_district_or_village(submit):
    assert filed(
        submit(province="31", regency="31.71", district="31.71.01", village="31.71.01.1002")
    )
    report_rows = [row for table, row in raw_rows() if table == "complaints_report"]
    assert len(report_rows) == 1
    assert b"31.71" in report_rows[0]
    assert b"31.71.01" not in report_rows[0]
    report = Report.objects.get()
    assert (report.region_id, report.precise_region) == ("31.71", "31.71.01.1002")


def test_the_district_index_is_keyed_by_a_secret_outside_the_database(settings, submit):
    assert filed(submit(district="31.71.01", village=""))
    stored = Report.objects.get().district_index
    assert stored and stored != hashlib.sha256(b"31.71.01").hexdigest()
    assert stored == regions.district_index("31.71.01")
    settings.REGION_INDEX_SECRET = "another-secret"
    assert regions.district_index("31.71.01") != stored


@pytest.mark.parametrize(
    ("scope", "sees"),
    [
        ("31.71.01", True),
        ("31.71.01.1001", True),
        ("31.71.02", False),
        ("31.71", True),
        ("35", False),
    ],
)
def test_an_officer_scoped_to_a_district_sees_its_reports(report_factory, regions, scope, sees):
    from content.models import Region

    report = report_factory("31.71.01.1002")
    officer = make_staff("scoped", ["Triage officer"], [Region.objects.get(code=scope)])
    visible = access.reports_visible_to(officer).filter(pk=report.pk).exists()
    assert visible is sees
    assert access.can(officer, "view", report) is sees
