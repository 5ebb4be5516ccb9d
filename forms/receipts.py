"""Receipt codes: the reporter's only key back to their report.

A code is 16 random decimal digits (GlobaLeaks-style: easy to write down or read out
over the phone, about 53 bits). Only a keyed digest (HMAC-SHA256 under SECRET_KEY) is
stored, so a database dump alone cannot be turned back into codes; look-ups also try
SECRET_KEY_FALLBACKS, so rotating SECRET_KEY does not lock reporters out.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

CODE_DIGITS = 16
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


def digest(code: str, secret: str | bytes | None = None) -> str:
    return salted_hmac(_SALT, code, secret=secret, algorithm="sha256").hexdigest()


def candidate_digests(code: str) -> list[str]:
    secrets_in_use = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [digest(code, secret) for secret in secrets_in_use]


def find_report(typed: str):
    """The report this receipt code opens, or None (for a wrong code or bad input alike)."""
    from forms.models import Report

    code = normalise(typed)
    if code is None:
        # Still compute a digest, so a malformed code costs what a wrong one does.
        digest("0" * CODE_DIGITS)
        return None
    return Report.objects.by_receipt_digest(candidate_digests(code)).first()
