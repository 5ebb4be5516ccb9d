from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms import crypto


class Referral(models.Model):
    """One report sent to one service unit for one service, tracked on its own.

    A report has as many referrals as units working on it; the detail page shows
    them together so that no unit asks the victim to tell the story again.
    The service is its stable code (``content.Service.code``), the same in every locale.
    """

    class ConsentOverride(models.TextChoices):
        """Why a report was referred although its reporter did not agree to it
        (forms/triage/actions.py, ``refer``). Empty: the reporter agreed."""

        DANGER = "danger", _("Someone's life or safety is at serious risk")
        LEGAL_DUTY = "legal_duty", _("A legal obligation (for example a child victim)")

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    report = models.ForeignKey(
        "complaints.Report", on_delete=models.CASCADE, related_name="referrals"
    )
    unit = models.ForeignKey(
        "content.ServiceUnitPage",
        verbose_name=_("service unit"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    service = models.SlugField(_("service"), max_length=50)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("referred"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    consent_override = models.CharField(
        _("referred without the reporter's consent because"),
        max_length=16,
        choices=ConsentOverride.choices,
        blank=True,
    )
    notes_sealed = models.BinaryField(default=b"", editable=False)

    notes = crypto.sealed_text("notes", "Notes on this referral (staff only).")

    class Meta:
        ordering = ["created_at", "pk"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["report", "unit", "service"], name="triage_one_referral_per_unit_service"
            )
        ]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self):
        return f"#{self.report_id} → {self.unit} ({self.service})"

    def cipher(self) -> crypto.Cipher:
        return self.report.cipher()
