import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms import crypto


def private_storage():
    """The ``private`` storage of STORAGES: never below MEDIA_ROOT, no public URL."""
    return storages["private"]


EVIDENCE_FOLDER = "evidence"
# A file younger than this may belong to a report still being saved.
STRAY_FILE_GRACE = timedelta(hours=1)


def sealed_file_name(instance, filename) -> str:
    # A random name: the reporter's own file name may say who they are.
    return f"{EVIDENCE_FOLDER}/{uuid.uuid4().hex}.bin"


def evidence_files() -> list[str]:
    """The names of every file in the evidence folder, as attachment rows name them."""
    storage = Attachment._meta.get_field("file").storage
    try:
        return [f"{EVIDENCE_FOLDER}/{name}" for name in storage.listdir(EVIDENCE_FOLDER)[1]]
    except FileNotFoundError:
        return []


def purge_stray_files(grace: timedelta = STRAY_FILE_GRACE, batch: int = 1000) -> int:
    """Delete the evidence files that no attachment row names and that are older than
    ``grace``; return how many.

    A file is written before its row, inside the report's transaction, and removed
    again when saving fails. A process killed in between (a worker past its timeout,
    a machine that lost power) leaves the file alone: ciphertext under a data key that
    was only ever wrapped in the rolled-back report row, so nobody can open it, but
    evidence storage keeps nothing without a report.
    """
    storage = Attachment._meta.get_field("file").storage
    names = evidence_files()
    oldest = timezone.now() - grace
    deleted = 0
    for start in range(0, len(names), batch):
        chunk = names[start : start + batch]
        named = set(Attachment.objects.filter(file__in=chunk).values_list("file", flat=True))
        for name in chunk:
            if name in named or storage.get_modified_time(name) > oldest:
                continue
            storage.delete(name)
            deleted += 1
    return deleted


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
        try:
            attachment.save()
        except Exception:
            # Not yet in the caller's list of files to remove on failure.
            attachment.file.storage.delete(attachment.file.name)
            raise
        return attachment

    def read(self) -> bytes:
        with self.file.open("rb") as handle:
            return self.cipher().open(handle.read(), crypto.row_binding(self, "file"))
