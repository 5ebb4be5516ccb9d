from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms import crypto
from forms.models.choices import Author


class Message(models.Model):
    """One message in a report's thread, which staff and the reporter both read.

    The body is sealed with the report's data key: read ``message.body``; create with
    ``Message.objects.create(report=r, author=Author.STAFF, staff_user=u, body="...")``.
    """

    report = models.ForeignKey(
        "complaints.Report", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.CharField(_("from"), max_length=16, choices=Author.choices)
    # Only for staff messages, so that the audit knows who wrote; never shown to reporters.
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body_sealed = models.BinaryField(default=b"", editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    body = crypto.sealed_text("body", "The decrypted message text.")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.get_author_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    def cipher(self) -> crypto.Cipher:
        return self.report.cipher()
