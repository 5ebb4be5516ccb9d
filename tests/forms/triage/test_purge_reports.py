"""manage.py purge_reports: closed reports and their files go, anonymous counts stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from forms.models import Attachment, Message, Report
from forms.triage import actions
from forms.triage.models import AuditEntry, Case, PurgedReportCount
from tests.forms.conftest import make_report

pytestmark = pytest.mark.django_db


def close(world, report, days_ago):
    actions.claim(world.officer, report)
    actions.verify(world.officer, report)
    actions.change_status(world.officer, report, "in_handling")
    actions.change_status(world.officer, report, "resolved")
    actions.close(world.officer, report, "services_given", "All done")
    Case.objects.filter(report=report).update(closed_at=timezone.now() - timedelta(days=days_ago))


@pytest.fixture
def closed(world, triage_storage):
    village = world.regions["31.71.01.1001"]
    old = make_report(
        village, kinds=("sexual", "physical"), victim_age_group="13-17", victim_sex="female"
    )
    Attachment.store(old, b"photo bytes", "image/jpeg", "photo.jpg")
    Message.objects.create(report=old, author="reporter", body="Tolong")
    close(world, old, days_ago=400)
    recent = make_report(village, kinds=("neglect",))
    close(world, recent, days_ago=10)
    return old, recent


def run(*args):
    out = StringIO()
    call_command("purge_reports", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_counts_and_changes_nothing(closed):
    old, _recent = closed
    assert "Would purge 1 finished report(s) and 1 file(s)" in run("--dry-run")
    assert Report.objects.filter(pk=old.pk).exists()
    assert not PurgedReportCount.objects.exists()


def test_closed_reports_past_retention_are_purged_with_their_files(
    closed, triage_storage, django_capture_on_commit_callbacks
):
    old, recent = closed
    file_name = Attachment.objects.get(report=old).file.name
    assert (triage_storage / file_name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert "Purged 1 finished report(s) and 1 file(s)" in run()
    assert not Report.objects.filter(pk=old.pk).exists()
    assert not Message.objects.filter(report_id=old.pk).exists()
    assert not (triage_storage / file_name).exists()
    assert Report.objects.filter(pk=recent.pk).exists()
    # The trail stays, and says only that retention removed it.
    assert AuditEntry.objects.filter(report_id=old.pk, action="purge", actor=None).count() == 1
    assert AuditEntry.objects.filter(report_id=old.pk, action="claim").exists()


def test_purged_reports_leave_anonymous_counts(closed):
    run()
    rows = {
        (row.region_id, row.violence_kinds, row.victim_age_group, row.victim_sex): row.count
        for row in PurgedReportCount.objects.all()
    }
    # The regency, never the village the reporter chose (a count of one there
    # would come close to naming the family).
    # One report naming two kinds is one count, with both kinds.
    assert rows == {("31.71", "physical,sexual", "13-17", "female"): 1}
    assert {row.month.day for row in PurgedReportCount.objects.all()} == {1}


def test_the_retention_period_comes_from_settings_or_the_option(closed, settings):
    settings.TRIAGE_RETENTION_DAYS = 5
    assert "Would purge 2 finished report(s)" in run("--dry-run")
    assert "Would purge 0 finished report(s)" in run("--dry-run", "--days", "500")


def test_open_and_reopened_reports_are_never_purged(world, closed):
    old, recent = closed
    actions.reopen(world.officer, old)
    run("--days", "0")
    assert Report.objects.filter(pk=old.pk).exists()
    assert Report.objects.filter(pk=world.fresh.pk).exists()
    assert not Report.objects.filter(pk=recent.pk).exists()


@pytest.mark.parametrize("status", ["invalid", "resolved"])
def test_invalid_and_long_resolved_reports_are_purged_too(world, status):
    report = make_report(world.regions["31.71.01.1001"], kinds=("neglect",))
    actions.claim(world.officer, report)
    if status == "invalid":
        actions.invalidate(world.officer, report, "Bukan laporan")
    else:
        actions.verify(world.officer, report)
        actions.change_status(world.officer, report, "in_handling")
        actions.change_status(world.officer, report, "resolved")
    long_ago = timezone.now() - timedelta(days=400)
    Case.objects.filter(report=report).update(status_since=long_ago)
    recent = make_report(world.regions["31.71.01.1001"], kinds=("neglect",))
    actions.claim(world.officer, recent)
    actions.invalidate(world.officer, recent, "Bukan laporan")
    run()
    assert not Report.objects.filter(pk=report.pk).exists()
    assert Report.objects.filter(pk=recent.pk).exists()


def test_a_report_the_statistics_never_counted_leaves_no_count(world, triage_storage):
    village = world.regions["31.71.01.1001"]
    never_verified = make_report(village, kinds=("physical",))
    actions.claim(world.officer, never_verified)
    actions.invalidate(world.officer, never_verified, "A test report")
    run("--days", "0")
    assert not Report.objects.filter(pk=never_verified.pk).exists()
    assert not PurgedReportCount.objects.exists()
