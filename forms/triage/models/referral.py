from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forms import crypto
from forms.triage.models.choices import ServiceKind, label


class Referral(models.Model):
    """One report sent to one partner unit, for the services asked of it.

    The unit works on it through its inbox (accept or decline with a reason, record
    each service given, ask the case holder, mark it done); the case holder can revoke
    it at any time, and the unit loses access at once. Modelled on Primero's referral
    (docs/referrals.md).

    Which unit it went to is sealed (``unit``, with the report's data key); beside it
    ``unit_index`` is the keyed blind index the inbox queries (forms/triage/unit_index.py).
    Triage metadata the inbox sorts on (open, danger, received, due) is copied here,
    so the inbox reads one index.
    """

    class Status(models.TextChoices):
        SENT = "sent", _("Waiting for the unit")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        DONE = "done", _("Done")
        REVOKED = "revoked", _("Revoked")

    OPEN = (Status.SENT, Status.ACCEPTED)
    # What a unit still sees: a declined or revoked referral is gone for it.
    VISIBLE_TO_UNIT = (Status.SENT, Status.ACCEPTED, Status.DONE)

    class Outcome(models.TextChoices):
        GIVEN = "given", _("The services were given")
        NOT_GIVEN = "not_given", _("The services could not be given")

    class ConsentOverride(models.TextChoices):
        """Why a report was referred although its reporter did not agree to it
        (forms/triage/actions/referral.py, ``Refer``). Empty: the reporter agreed."""

        DANGER = "danger", _("Someone's life or safety is at serious risk")
        LEGAL_DUTY = "legal_duty", _("A legal obligation (for example a child victim)")

    report = models.ForeignKey(
        "complaints.Report", on_delete=models.CASCADE, related_name="referrals"
    )
    unit_sealed = models.BinaryField(default=b"", editable=False)
    unit_index = models.CharField(max_length=32, editable=False)
    services = models.JSONField(_("services asked"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    is_open = models.BooleanField(_("open"), default=True)
    immediate_danger = models.BooleanField(_("immediate danger"), default=False)
    child_victim = models.BooleanField(_("child victim"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    due_at = models.DateTimeField(_("response due"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ended"), null=True, blank=True)
    consent_override = models.CharField(
        _("referred without the reporter's consent because"),
        max_length=16,
        choices=ConsentOverride.choices,
        blank=True,
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    pass_contact = models.BooleanField(_("contact details passed on"), default=False)
    share_with_reporter = models.BooleanField(
        _("the reporter may see the unit's name"), default=False
    )
    attachments = models.ManyToManyField(
        "complaints.Attachment", verbose_name=_("files attached"), blank=True, related_name="+"
    )
    summary_sealed = models.BinaryField(default=b"", editable=False)
    decline_reason_sealed = models.BinaryField(default=b"", editable=False)
    outcome_note_sealed = models.BinaryField(default=b"", editable=False)

    unit_ref = crypto.sealed_text("unit", "The unit's page id, as text (sealed).")
    summary = crypto.sealed_text("summary", "What the referring officer wrote for the unit.")
    decline_reason = crypto.sealed_text("decline_reason", "Why the unit declined.")
    outcome_note = crypto.sealed_text("outcome_note", "The unit's closing note.")

    class Meta:
        ordering = ["created_at", "pk"]
        default_permissions = ()
        indexes = [
            # The inbox: one ordered run per unit and segment (open × danger), the due
            # time included to split "overdue" from the index alone (forms/triage/paging.py).
            models.Index(
                fields=["unit_index", "-is_open", "-immediate_danger", "created_at", "id"],
                include=["due_at"],
                condition=Q(status__in=["sent", "accepted", "done"]),
                name="triage_inbox_segment",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "unit_index"],
                condition=Q(is_open=True),
                name="triage_one_open_referral_per_unit",
            )
        ]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self):
        return f"#{self.pk} (report #{self.report_id})"

    def cipher(self) -> crypto.Cipher:
        return self.report.cipher()

    def get_services_display(self) -> list[str]:
        return [str(ServiceKind(code).label) for code in self.services if code in ServiceKind]

    @property
    def status_label(self):
        return label(self.Status, self.status)

    @property
    def unit_pk(self) -> int | None:
        value = self.unit_ref
        return int(value) if value.isdigit() else None


class ServiceRecord(models.Model):
    """A service a unit gave on a referral: what, when, where, with what result."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(_("service"), max_length=32, choices=ServiceKind.choices)
    given_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    place_sealed = models.BinaryField(default=b"", editable=False)
    note_sealed = models.BinaryField(default=b"", editable=False)

    place = crypto.sealed_text("place", "Where the service was given.")
    note = crypto.sealed_text("note", "The outcome, in the unit's words.")

    class Meta:
        ordering = ["given_on", "pk"]
        default_permissions = ()
        verbose_name = _("service given")
        verbose_name_plural = _("services given")

    def __str__(self):
        return f"{self.kind} {self.given_on}"

    @property
    def kind_label(self):
        return label(ServiceKind, self.kind)

    def cipher(self) -> crypto.Cipher:
        return self.referral.report.cipher()


class ReferralMessage(models.Model):
    """The thread between a unit and the case holder about one referral (sealed)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_unit = models.BooleanField(_("from the unit"), default=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    body_sealed = models.BinaryField(default=b"", editable=False)

    body = crypto.sealed_text("body", "The message.")

    class Meta:
        ordering = ["created_at", "pk"]
        default_permissions = ()
        verbose_name = _("message about a referral")
        verbose_name_plural = _("messages about referrals")

    def __str__(self):
        return f"#{self.referral_id} · {self.created_at:%Y-%m-%d %H:%M}"

    def cipher(self) -> crypto.Cipher:
        return self.referral.report.cipher()
