"""The data migration that moves existing reports to the national categories."""

import importlib

import pytest
from django.apps import apps

from forms.models import Report, ReportViolence

pytestmark = pytest.mark.django_db

migration = importlib.import_module("forms.migrations.0006_map_existing_case_data")


def old_report(report_factory, kinds, age=""):
    """A report as the first version stored it ("domestic" a kind, "18-59" an age group)."""
    report = report_factory(kinds=("physical",))
    ReportViolence.objects.filter(report=report).delete()
    ReportViolence.objects.bulk_create([ReportViolence(report=report, kind=k) for k in kinds])
    Report.objects.filter(pk=report.pk).update(victim_age_group=age)
    return report


def test_domestic_violence_becomes_the_household_setting(report_factory):
    both = old_report(report_factory, ["domestic", "physical"])
    only = old_report(report_factory, ["domestic"])
    other = old_report(report_factory, ["sexual"])
    migration.forwards(apps, None)
    for report in (both, only, other):
        report.refresh_from_db()
    assert (both.place_category, sorted(both.violence_kinds)) == ("household", ["physical"])
    assert (only.place_category, only.violence_kinds) == ("household", ["other"])
    assert (other.place_category, other.violence_kinds) == ("", ["sexual"])
    assert not ReportViolence.objects.filter(kind="domestic").exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [("0-5", "0-5"), ("6-12", "6-12"), ("13-17", "13-17"), ("60+", "60+"), ("18-59", ""), ("", "")],
)
def test_old_age_groups_map_to_the_national_ones_where_they_can(report_factory, old, new):
    report = old_report(report_factory, ["physical"], age=old)
    migration.forwards(apps, None)
    report.refresh_from_db()
    assert report.victim_age_group == new
