"""Receipt codes: the reporter's only key back to their report.

A code is 16 random decimal digits (GlobaLeaks-style: easy to write down or read out
over the phone, about 53 bits). Only a digest is stored: scrypt (``hashlib.scrypt``,
memory-hard) of the code, salted with a key derived from ``RECEIPT_SECRET``, a secret
of its own that lives in the environment, never in the database nor in SECRET_KEY.
A database dump, even with SECRET_KEY, therefore opens no code; with the receipt
secret too, each of the 10^16 guesses still costs one scrypt (``SCRYPT`` is sized by
``make bench BENCH=receipts``: a look-up stays well under 100 ms).

Rotating the receipt secret: put the old one in ``RECEIPT_SECRET_FALLBACKS``; a code
found under it is re-keyed under the new secret at that look-up.

Digests written before scrypt (``HMAC-SHA256`` under SECRET_KEY, 64 hex digits) still
open their report, and are re-keyed the same way at their next successful look-up;
the codes themselves were never kept, so they cannot be re-keyed sooner.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.crypto import salted_hmac

from forms import crypto

CODE_DIGITS = 16
# scrypt's cost: 2^13 × 8 × 128 bytes = 8 MiB and one core for a few tens of ms.
SCRYPT = {"n": 2**13, "r": 8, "p": 1}
FORMAT = "s1$"  # "s1" = scrypt with SCRYPT's parameters; a new cost gets a new tag
_SALT = "satu-layanan.forms.receipts"
_SEPARATORS = re.compile(r"[\s\-.]")


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def display(code: str) -> str:
    """``1234 5678 9012 3456``: groups of four are easier to copy without mistakes."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise(typed: str) -> str | None:
    """The code in a reporter's input (spaces, dashes, dots allowed), or None."""
    digits = _SEPARATORS.sub("", typed or "")
    if len(digits) == CODE_DIGITS and digits.isascii() and digits.isdigit():
        return digits
    return None


def digest(code: str, secret: str | None = None) -> str:
    """The stored form of ``code``: scrypt under the receipt secret (or ``secret``)."""
    key = hmac.new(
        (secret or settings.RECEIPT_SECRET).encode(), _SALT.encode(), hashlib.sha256
    ).digest()
    derived = hashlib.scrypt(code.encode(), salt=key, dklen=32, maxmem=64 * 1024 * 1024, **SCRYPT)
    return FORMAT + derived.hex()


def legacy_digest(code: str, secret: str) -> str:
    """The HMAC-SHA256 under SECRET_KEY that receipts were stored as before scrypt."""
    return salted_hmac(_SALT, code, secret=secret, algorithm="sha256").hexdigest()


def candidate_digests(code: str) -> tuple[str, list[str]]:
    """The current digest of ``code``, and every other form it may still be stored in."""
    current = digest(code)
    older = [digest(code, old) for old in settings.RECEIPT_SECRET_FALLBACKS]
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    older += [legacy_digest(code, key) for key in keys]
    return current, older


def find_report(typed: str):
    """The report this receipt code opens, or None (for a wrong code or bad input alike).

    A report found under an older digest is re-keyed to the current one.
    """
    from forms.models import Report

    code = normalise(typed)
    if code is None:
        # Still compute a digest, so a malformed code costs what a wrong one does.
        candidate_digests("0" * CODE_DIGITS)
        return None
    current, older = candidate_digests(code)
    report = Report.objects.by_receipt_digest([current, *older]).first()
    if report is not None and report.receipt_digest != current:
        Report.objects.filter(pk=report.pk, receipt_digest=report.receipt_digest).update(
            receipt_digest=current
        )
        report.receipt_digest = current
    return report


# -- handing a receipt to the page after a redirect ------------------------------

HAND_OVER_SECONDS = 10 * 60


def hand_over(state: dict) -> str:
    """Keep ``state`` (a receipt code and what its page shows, JSON-serialisable) for
    the page the browser is redirected to; returns the random handle that page is
    opened with.

    Kept in the database (``ReceiptHandOver``), sealed under a key derived from the
    handle: called inside the transaction that files a report, the receipt is handed
    over exactly when the report is stored, whatever the cache does. The code itself
    never travels in a URL (a shared phone's history would keep it): only this handle
    does, and it opens nothing once read or after ``HAND_OVER_SECONDS``.
    """
    from forms.models import ReceiptHandOver
    from forms.models.hand_overs import handle_digest

    handle = secrets.token_urlsafe(24)
    row = ReceiptHandOver(
        handle_digest=handle_digest(handle),
        expires_at=timezone.now() + timedelta(seconds=HAND_OVER_SECONDS),
    ).open_with(handle)
    row.state = json.dumps(state)
    row.save()
    return handle


class HandOverUnavailable(Exception):
    """The database cannot say whether a hand-over exists."""


def purge_expired_hand_overs() -> int:
    """Delete the hand-overs nobody opened in time; returns how many."""
    from forms.models import ReceiptHandOver

    deleted, _ = ReceiptHandOver.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


def take_over(handle: str) -> dict | None:
    """The state handed over under ``handle``, deleted as it is read; None if it was
    read already, has expired, or never existed.

    Of two reads at once only the one whose delete removed the row gets the state.
    Raises HandOverUnavailable when the database fails: a receipt is then neither
    shown nor declared gone, and a reload once the database is back still shows it.
    """
    from forms.models import ReceiptHandOver
    from forms.models.hand_overs import handle_digest

    if not isinstance(handle, str) or not 20 <= len(handle) <= 64:
        return None
    try:
        purge_expired_hand_overs()
        rows = ReceiptHandOver.objects.filter(
            handle_digest=handle_digest(handle), expires_at__gt=timezone.now()
        )
        row = rows.first()
        if row is None or rows.filter(pk=row.pk).delete()[0] == 0:
            return None
    except DatabaseError as error:
        raise HandOverUnavailable from error
    try:
        return json.loads(row.open_with(handle).state)
    except (crypto.DecryptionError, ValueError):
        return None
