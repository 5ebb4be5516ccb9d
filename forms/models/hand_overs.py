import hashlib
import hmac

from django.db import models

from forms import crypto

_LOOKUP = b"satu-layanan/receipt-hand-over/lookup"
_KEY = b"satu-layanan/receipt-hand-over/key"


def handle_digest(handle: str) -> str:
    """The stored form of a hand-over handle: it finds the row, it opens nothing."""
    return hmac.new(handle.encode(), _LOOKUP, hashlib.sha256).hexdigest()


class ReceiptHandOver(models.Model):
    """A receipt on its way from the POST that filed a report to the page the browser
    is redirected to (``forms.receipts.hand_over``), for a few minutes at most.

    Written in the transaction that files the report, and deleted by the read that
    shows it. The state (the code and what its page shows) is sealed under a key
    derived from the random handle in the redirect's URL, which the database never
    holds: a dump, even with the master keys, opens no code. Nothing about the client
    is kept. Expired rows are deleted at every read and by
    ``manage.py purge_receipt_hand_overs``.
    """

    handle_digest = models.CharField(max_length=64, unique=True, editable=False)
    state_sealed = models.BinaryField(default=b"", editable=False)
    expires_at = models.DateTimeField(db_index=True, editable=False)

    state = crypto.sealed_text("state", "The handed-over state, as JSON.")

    class Meta:
        default_permissions = ()

    def __str__(self):
        return self.handle_digest[:12]

    def open_with(self, handle: str) -> "ReceiptHandOver":
        """Give this row the key its state is sealed under; returns the row."""
        self._key = hmac.new(handle.encode(), _KEY, hashlib.sha256).digest()
        return self

    def cipher(self) -> crypto.Cipher:
        return crypto.Cipher(self._key)
