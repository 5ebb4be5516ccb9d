import hashlib
from datetime import UTC

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.triage.models.choices import label

# The first link's "previous hash".
CHAIN_START = "0" * 64
# Any 64-bit number: the PostgreSQL advisory lock that puts new entries in one line.
_CHAIN_LOCK = 0x5A7A_A0D1


class AuditLogIsAppendOnly(Exception):
    """Someone tried to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    # Bulk and internal paths skip save()/delete(): close them too. The base manager
    # (Meta.base_manager_name) is this queryset's, so Django's own paths meet it.
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be changed.")

    def _update(self, values):
        raise AuditLogIsAppendOnly("Audit entries cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditLogIsAppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")

    def _raw_delete(self, using):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")


SQLITE_TRIGGERS = {
    "triage_audit_no_update": "UPDATE",
    "triage_audit_no_delete": "DELETE",
}


def install_sqlite_triggers(connection) -> None:
    """SQLite's half of the database guard (PostgreSQL's is migration 0003).

    Run after every ``migrate`` (post_migrate), as well as by migration 0010: SQLite
    rebuilds a table for some schema changes, and a rebuilt table has lost its triggers.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name, event in SQLITE_TRIGGERS.items():
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON triage_auditentry "
                "BEGIN SELECT RAISE(ABORT, 'triage_auditentry is append-only'); END"
            )


def drop_sqlite_triggers(connection) -> None:
    """For ``flush`` alone (the whole database emptied, as TRUNCATE does on PostgreSQL)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def link_hash(
    previous: str, created_at, actor_id, action, report_id, detail, unit_index: str = ""
) -> str:
    """One link of the chain: SHA-256 over the previous link and this entry's fields.

    The unit's index joins the hashed fields only when there is one, so an entry
    about no referral hashes as it did before the column existed.
    """
    when = created_at.astimezone(UTC).isoformat()
    fields = [previous, when, str(actor_id or ""), action, str(report_id or ""), detail]
    if unit_index:
        fields.append(unit_index)
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


class AuditEntry(models.Model):
    """Who did what to which report, when: one row per read of decrypted content,
    file download and action. Never edited, never deleted.

    ``detail`` holds only metadata (a status name, a count, a unit's id), never
    anything the reporter wrote. ``report_id`` is a plain number rather than a
    foreign key so that purging a report (manage.py purge_reports) leaves its trail.

    Append-only three times over: the model and every queryset path refuse changes;
    a database trigger rejects UPDATE and DELETE on PostgreSQL and SQLite alike
    (migrations 0003, 0010); and each entry carries ``chain_hash``, a SHA-256 over
    the previous entry's hash and its own fields, so that a row changed or removed
    behind the portal's back (a restored dump, a dropped trigger) breaks the chain
    where it happened: ``manage.py verify_audit_log`` finds it. (Anyone who can write
    the table can also rewrite every hash after a change: keep the head hash that
    the command prints somewhere else to catch that too.)
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
        REFUSED = "refused", _("Was refused access")

    # Set by record() before the hash is taken (not auto_now_add, which would reset it).
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
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
    # A row written by anything but record() (a raw INSERT) gets "" and breaks the chain.
    chain_hash = models.CharField(max_length=64, editable=False, default="", db_default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        base_manager_name = "objects"
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
        entry = cls(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            report_id=getattr(report, "pk", report),
            detail=str(detail)[:200],
            unit_index=unit_index,
            created_at=timezone.now(),
        )
        with transaction.atomic():
            # One writer at a time, so that each entry links to the one before it
            # (SQLite's write lock does this by itself: IMMEDIATE transactions).
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
            previous = cls.objects.order_by("-pk").values_list("chain_hash", flat=True).first()
            entry.chain_hash = entry.link(previous or CHAIN_START)
            entry.save()
        return entry

    def link(self, previous: str) -> str:
        return link_hash(
            previous,
            self.created_at,
            self.actor_id,
            self.action,
            self.report_id,
            self.detail,
            self.unit_index,
        )

    @classmethod
    def record_for_referral(cls, actor, action, referral, detail: str = "") -> "AuditEntry":
        """An entry about one referral: its report, its number, its unit's index."""
        detail = f"referral {referral.pk}" + (f"; {detail}" if detail else "")
        return cls.record(actor, action, referral.report_id, detail, referral.unit_index)


def verify_chain(entries) -> tuple[int, "AuditEntry | None"]:
    """Walk ``entries`` (oldest first): how many link up, and the first that does not."""
    previous, checked = CHAIN_START, 0
    for entry in entries:
        if entry.chain_hash != entry.link(previous):
            return checked, entry
        previous, checked = entry.chain_hash, checked + 1
    return checked, None
