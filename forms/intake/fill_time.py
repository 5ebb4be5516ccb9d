"""Stage 4: the minimum fill time, a signed "form shown at" timestamp in the form."""

from __future__ import annotations

import time

from django.core import signing

_FILL_SALT = "satu-layanan.forms.started"
_FILL_MAX_AGE = 24 * 60 * 60


def started_token(at: float | None = None) -> str:
    """A signed "form shown at" timestamp (now, or ``at`` in seconds since the epoch)."""
    signer = signing.TimestampSigner(salt=_FILL_SALT)
    if at is None:
        return signer.sign("complaint")
    value = f"complaint{signer.sep}{signing.b62_encode(int(at))}"
    return f"{value}{signer.sep}{signer.signature(value)}"


def started_seconds_ago(token: str) -> float | None:
    """Seconds since the form was first shown, or None for a missing/forged/expired token."""
    signer = signing.TimestampSigner(salt=_FILL_SALT)
    try:
        signer.unsign(token, max_age=_FILL_MAX_AGE)
        _value, stamp = token.rsplit(signer.sep, 2)[0:2]
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return time.time() - signing.b62_decode(stamp)
