import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms import crypto


def private_storage():
    """The ``private`` storage of STORAGES: never below MEDIA_ROOT, no public URL."""
    return storages["private"]


def sealed_file_name(instance, filename) -> str:
    # A random name: the reporter's own file name may say who they are.
    return f"evidence/{uuid.uuid4().hex}.bin"


class Attachment(models.Model):
    """An evidence file, stored sealed with the report's data key in private storage.

    Read the plaintext with ``attachment.read()``; create with
    ``Attachment.store(report, data, content_type, filename)``. Staff views must
    serve it through an authenticated, audited view: the storage has no public URL.
    """

    report = models.ForeignKey(
        "complaints.Report", on_delete=models.CASCADE, related_name="attachments"
    )
    # Set when the file came with a follow-up message rather than the first report.
    message = models.ForeignKey(
        "complaints.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    file = models.FileField(storage=private_storage, upload_to=sealed_file_name, editable=False)
    # Detected from the content, never taken from the browser's claim.
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    filename_sealed = models.BinaryField(default=b"", editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    filename = crypto.sealed_text("filename", "The file name the reporter chose.")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return f"{self.content_type}, {self.size} bytes"

    def cipher(self) -> crypto.Cipher:
        return self.report.cipher()

    @classmethod
    def store(cls, report, data: bytes, content_type: str, filename: str = "", message=None):
        """Seal ``data`` and save it with a new Attachment row (inside the caller's transaction)."""
        attachment = cls(report=report, message=message, content_type=content_type, size=len(data))
        attachment.filename = filename
        sealed = report.cipher().seal(data, crypto.row_binding(attachment, "file"))
        attachment.file.save("evidence", ContentFile(sealed), save=False)
        attachment.save()
        return attachment

    def read(self) -> bytes:
        with self.file.open("rb") as handle:
            return self.cipher().open(handle.read(), crypto.row_binding(self, "file"))
