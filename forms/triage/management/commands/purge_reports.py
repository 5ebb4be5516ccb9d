"""Purge finished reports after the retention period, keeping only anonymous counts.

    manage.py purge_reports [--dry-run] [--days N]

A report is purged when it has been closed, marked invalid, or resolved for longer
than TRIAGE_RETENTION_DAYS (or --days): its row, sealed fields, messages, notes,
referrals and evidence files go; what remains is an audit entry per purged report
number and, for the reports the statistics count (verified, never invalid), a count
per month of receipt, regency, kinds of violence, age group and sex
(triage.PurgedReportCount; never finer than the regency: see its docstring), which
the public statistics add back into their figures.
A reopened report is in review again, so it waits for its new end.
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from forms.models import Attachment, Report
from forms.statistics import aggregate
from forms.statistics.release import changed as statistics_changed
from forms.triage import workflow
from forms.triage.models import AuditEntry, PurgedReportCount

BATCH = 200


def purgeable(days: int):
    cutoff = timezone.now() - timedelta(days=days)
    closed = Q(status=workflow.CLOSED, case__closed_at__lt=cutoff)
    # Invalid and resolved reports end there unless someone acts: their time in that
    # status counts (a reopened or further handled report has a newer status_since).
    ended = Q(status__in=[workflow.INVALID, workflow.RESOLVED], case__status_since__lt=cutoff)
    return Report.objects.filter(closed | ended)


def count_rows(reports) -> Counter:
    """The anonymous counts of ``reports`` (the ones the statistics count)."""
    counts = Counter()
    for report in reports:
        month = timezone.localtime(report.arrived_at).date().replace(day=1)
        kinds = ",".join(sorted({row.kind for row in report.violence.all()}))
        counts[(month, report.region_id, kinds, report.victim_age_group, report.victim_sex)] += 1
    return counts


def add_counts(counts: Counter) -> None:
    for (month, region, kinds, age_group, sex), number in counts.items():
        row, _created = PurgedReportCount.objects.get_or_create(
            month=month,
            region_id=region,
            violence_kinds=kinds,
            victim_age_group=age_group,
            victim_sex=sex,
        )
        PurgedReportCount.objects.filter(pk=row.pk).update(count=F("count") + number)


class Command(BaseCommand):
    help = "Purge finished reports older than the retention period, keeping anonymous counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days after closing (default: TRIAGE_RETENTION_DAYS).",
        )

    def handle(self, *args, dry_run=False, days=None, **options):
        days = settings.TRIAGE_RETENTION_DAYS if days is None else days
        ids = list(purgeable(days).order_by("pk").values_list("pk", flat=True))
        files = Attachment.objects.filter(report_id__in=ids).count()
        if dry_run:
            self.stdout.write(
                f"Would purge {len(ids)} finished report(s) and {files} file(s) "
                f"closed, invalid or resolved more than {days} day(s) ago."
            )
            return
        for start in range(0, len(ids), BATCH):
            self.purge_batch(ids[start : start + BATCH])
        self.stdout.write(f"Purged {len(ids)} finished report(s) and {files} file(s).")

    def purge_batch(self, ids):
        with transaction.atomic():
            reports = list(
                Report.objects.filter(pk__in=ids)
                .select_for_update(of=("self",))
                .prefetch_related("violence")
            )
            counted = set(
                Report.objects.filter(aggregate.counted_q(), pk__in=ids).values_list(
                    "pk", flat=True
                )
            )
            add_counts(count_rows(report for report in reports if report.pk in counted))
            names = list(
                Attachment.objects.filter(report_id__in=ids).values_list("file", flat=True)
            )
            for report in reports:
                AuditEntry.record(None, AuditEntry.Action.PURGE, report.pk, "retention")
            Report.objects.filter(pk__in=ids).delete()
            statistics_changed()
            # Files go only once the rows are gone for good.
            storage = Attachment._meta.get_field("file").storage
            transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
