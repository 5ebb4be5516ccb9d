from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        UPDATE_REFERRAL = "update_referral", _("Updated a referral")
        PURGE = "purge", _("Purged after the retention period")
        EXPORT = "export", _("Exported report rows")
        RECORD_FACTS = "record_facts", _("Recorded the case facts")

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

    @classmethod
    def record(cls, actor, action, report=None, detail: str = "") -> "AuditEntry":
        report_id = getattr(report, "pk", report)
        return cls.objects.create(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            report_id=report_id,
            detail=str(detail)[:200],
        )
