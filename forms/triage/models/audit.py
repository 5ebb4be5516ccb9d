from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms.triage.models.choices import label


class AuditLogIsAppendOnly(Exception):
    """Someone tried to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    # Bulk paths skip save()/delete(): close them too.
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """Who did what to which report, when: one row per read of decrypted content,
    file download and action. Never edited, never deleted.

    ``detail`` holds only metadata (a status name, a count, a unit's id), never
    anything the reporter wrote. ``report_id`` is a plain number rather than a
    foreign key so that purging a report (manage.py purge_reports) leaves its trail.
    On PostgreSQL a trigger also rejects UPDATE and DELETE (migration 0003).
    """

    class Action(models.TextChoices):
        VIEW_REPORT = "view_report", _("Viewed the decrypted report")
        DOWNLOAD_FILE = "download_file", _("Downloaded a file")
        CLAIM = "claim", _("Claimed")
        RELEASE = "release", _("Released")
        VERIFY = "verify", _("Verified")
        INVALIDATE = "invalidate", _("Marked invalid")
        CHANGE_STATUS = "change_status", _("Changed status")
        SET_PRIORITY = "set_priority", _("Set priority")
        REASSIGN = "reassign", _("Reassigned")
        ADD_NOTE = "add_note", _("Wrote an internal note")
        MESSAGE_REPORTER = "message_reporter", _("Messaged the reporter")
        REFER = "refer", _("Referred")
        REFER_WITHOUT_CONSENT = "refer_no_consent", _("Referred without the reporter's consent")
        # Kept for entries written before referrals had their own actions.
        UPDATE_REFERRAL = "update_referral", _("Updated a referral")
        PURGE = "purge", _("Purged after the retention period")
        EXPORT = "export", _("Exported report rows")
        RECORD_FACTS = "record_facts", _("Recorded the case facts")
        # The case plan.
        REVEAL_CONTACT = "reveal_contact", _("Revealed the reporter's contact details")
        ADD_NEED = "add_need", _("Added a need to the case plan")
        UPDATE_NEED = "update_need", _("Updated a need")
        ASSESS_RISK = "assess_risk", _("Assessed the risk")
        UPDATE_SAFETY_PLAN = "update_safety_plan", _("Updated the safety plan")
        ADD_FOLLOW_UP = "add_follow_up", _("Set a follow-up date")
        COMPLETE_FOLLOW_UP = "complete_follow_up", _("Followed up")
        CLOSE = "close", _("Closed the case")
        REOPEN = "reopen", _("Reopened the case")
        # Referrals, on the agency's side...
        REVOKE = "revoke", _("Revoked a referral")
        ANSWER_UNIT = "answer_unit", _("Answered a unit")
        PRINT_LETTER = "print_letter", _("Printed a referral letter")
        # ...and on the unit's.
        VIEW_PACKET = "view_packet", _("A unit read its referral")
        DOWNLOAD_SHARED_FILE = "download_shared_file", _("A unit downloaded an attached file")
        ACCEPT = "accept", _("A unit accepted a referral")
        DECLINE = "decline", _("A unit declined a referral")
        RECORD_SERVICE = "record_service", _("A unit recorded a service")
        ASK = "ask", _("A unit asked the case holder")
        COMPLETE = "complete", _("A unit completed a referral")
        # Staff administration.
        ADD_STAFF = "add_staff", _("Gave a staff member a profile")
        UPDATE_STAFF = "update_staff", _("Changed a staff member's regions, units or duty")
        RESET_SECOND_FACTOR = "reset_second_factor", _("Reset a staff member's second factor")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,  # the retention command acts as nobody
        blank=True,
        # A staff member with a trail is deactivated, not deleted.
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    report_id = models.BigIntegerField(_("report"), null=True, db_index=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    # The referral's unit as its blind index (forms/triage/unit_index.py), never by
    # name: the log filters by unit without saying in clear where a report went.
    unit_index = models.CharField(
        max_length=32, blank=True, default="", db_default="", db_index=True, editable=False
    )

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        default_permissions = ()
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} #{self.report_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AuditLogIsAppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")

    @property
    def action_label(self):
        return label(self.Action, self.action)

    @classmethod
    def record(
        cls, actor, action, report=None, detail: str = "", unit_index: str = ""
    ) -> "AuditEntry":
        report_id = getattr(report, "pk", report)
        return cls.objects.create(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            report_id=report_id,
            detail=str(detail)[:200],
            unit_index=unit_index,
        )

    @classmethod
    def record_for_referral(cls, actor, action, referral, detail: str = "") -> "AuditEntry":
        """An entry about one referral: its report, its number, its unit's index."""
        detail = f"referral {referral.pk}" + (f"; {detail}" if detail else "")
        return cls.record(actor, action, referral.report_id, detail, referral.unit_index)
