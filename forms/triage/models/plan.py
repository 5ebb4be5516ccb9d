from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms import crypto
from forms.triage.models.choices import NeedState, ServiceKind, label


class Need(models.Model):
    """A need found on a case (medical care, a visum, legal accompaniment...), met by
    a referral to a unit or by a service the agency gives itself.

    Its state follows the referral that meets it (forms/triage/actions/): referred
    when sent, in progress once accepted, done when the unit completes it; back to
    planned when the unit declines or the referral is revoked, so that the case
    holder sees what is still unmet. The reporter's follow-up page shows these
    states in plain words, per kind of service.
    """

    report = models.ForeignKey("complaints.Report", on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("need"), max_length=32, choices=ServiceKind.choices)
    state = models.CharField(
        _("state"), max_length=16, choices=NeedState.choices, default=NeedState.PLANNED
    )
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    by_agency = models.BooleanField(_("given by the agency itself"), default=False)
    referral = models.ForeignKey(
        "triage.Referral",
        verbose_name=_("met by the referral"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    outcome_sealed = models.BinaryField(default=b"", editable=False)

    outcome = crypto.sealed_text("outcome", "What came of it.")

    class Meta:
        ordering = ["created_at", "pk"]
        default_permissions = ()
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self):
        return f"#{self.report_id} {self.kind}: {self.state}"

    @property
    def kind_label(self):
        return label(ServiceKind, self.kind)

    @property
    def state_label(self):
        return label(NeedState, self.state)

    def cipher(self) -> crypto.Cipher:
        return self.report.cipher()


class FollowUp(models.Model):
    """A date on which the case holder means to check on the case; when it comes,
    ``manage.py send_follow_up_reminders`` (daily, from cron) reminds them."""

    report = models.ForeignKey(
        "complaints.Report", on_delete=models.CASCADE, related_name="follow_ups"
    )
    due_on = models.DateField(_("follow up on"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("set"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    note_sealed = models.BinaryField(default=b"", editable=False)

    note = crypto.sealed_text("note", "What to check (staff only).")

    class Meta:
        ordering = ["due_on", "pk"]
        default_permissions = ()
        verbose_name = _("follow-up date")
        verbose_name_plural = _("follow-up dates")

    def __str__(self):
        return f"#{self.report_id} {self.due_on}"

    def cipher(self) -> crypto.Cipher:
        return self.report.cipher()
