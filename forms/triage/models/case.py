from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms import crypto
from forms.triage.models.choices import ClosureOutcome, RiskLevel


class Priority(models.IntegerChoices):
    LOW = 1, _("Low")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")
    URGENT = 4, _("Urgent")


class Case(models.Model):
    """Triage's working state of one report: who holds it, how urgent, when it is due.

    Kept beside the report (which the intake owns) rather than on it: the complaint
    side never needs to know about assignees. Made with the report (forms/triage/signals.py).
    The primary key is the report's, so a case's admin URL carries the report number.
    """

    report = models.OneToOneField(
        "complaints.Report",
        verbose_name=_("report"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="case",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="triage_cases",
    )
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    status_since = models.DateTimeField(_("in this status since"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)
    # Set when staff verify the report, cleared when they mark it invalid: the public
    # statistics count exactly the reports with a value (forms/statistics/aggregate.py),
    # whatever status they moved on to (a closed report may have been invalid).
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Copies of the report's sort keys, so that the queue's order comes from one
    # index on this row instead of a sort over a join (forms/triage/paging.py).
    is_open = models.BooleanField(_("open"), default=True)
    immediate_danger = models.BooleanField(_("immediate danger"), default=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # The case plan (docs/referrals.md): a risk assessment, a sealed safety plan, and
    # how the case was closed (the reason is a sealed internal note).
    risk_level = models.CharField(
        _("risk level"), max_length=16, choices=RiskLevel.choices, blank=True
    )
    risk_assessed_on = models.DateField(_("risk assessed on"), null=True, blank=True)
    safety_plan_sealed = models.BinaryField(default=b"", editable=False)
    closure_outcome = models.CharField(
        _("closure outcome"), max_length=16, choices=ClosureOutcome.choices, blank=True
    )

    safety_plan = crypto.sealed_text("safety_plan", "The safety plan agreed with the victim.")

    class Meta:
        default_permissions = ()
        indexes = [
            # One ordered run per queue segment (open × danger), the due time
            # included so that "overdue" splits each run without reading the table.
            models.Index(
                fields=["-is_open", "-immediate_danger", "received_at", "report"],
                include=["due_at"],
                name="triage_queue_segment",
            )
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"#{self.report_id}"

    @classmethod
    def defaults_for(cls, report) -> dict:
        """The fields of a new case for ``report``."""
        from forms.triage import workflow

        return {
            "status_since": report.created_at,
            "due_at": workflow.due_at(report.status, report.immediate_danger, report.created_at),
            "is_open": report.status in workflow.OPEN_STATUSES,
            "immediate_danger": report.immediate_danger,
            "received_at": report.created_at,
        }

    @property
    def is_overdue(self) -> bool:
        return self.due_at is not None and self.due_at < timezone.now()

    def cipher(self) -> crypto.Cipher:
        return self.report.cipher()


class Note(models.Model):
    """An internal note on a report: staff only, sealed with the report's data key."""

    report = models.ForeignKey(
        "complaints.Report", on_delete=models.CASCADE, related_name="triage_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    body_sealed = models.BinaryField(default=b"", editable=False)

    body = crypto.sealed_text("body", "The decrypted note.")

    class Meta:
        ordering = ["created_at", "pk"]
        default_permissions = ()
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return f"{self.author} · {self.created_at:%Y-%m-%d %H:%M}"

    def cipher(self) -> crypto.Cipher:
        return self.report.cipher()
