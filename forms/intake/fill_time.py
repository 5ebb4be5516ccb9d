"""Stage 2: the one-time form token, which also carries the minimum fill time.

Every form on the complaint path (the complaint, the receipt look-up, the reply)
carries a signed token ``<nonce>:<shown at>:<signature>``. It is checked before
anything expensive runs:

- its signature and age (``read``): forged or older than a day is refused;
- the time since the form was shown (``Started.seconds_ago``): the complaint form
  refuses one sent faster than ``INTAKE_MIN_FILL_SECONDS``;
- its nonce is *claimed* once (``claim``), in the cache shared by every process:
  the browser's resubmit after Back, or a replayed request, finds it used and gets
  a neutral answer that echoes nothing.

A form shown again after an error gets ``renewed`` token: a new nonce, the same
"shown at", so a reporter correcting an answer does not wait out the fill time again.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache

_SALT = "satu-layanan.forms.started"
MAX_AGE = 24 * 60 * 60


@dataclass(frozen=True)
class Started:
    nonce: str
    shown_at: int

    @property
    def seconds_ago(self) -> float:
        return time.time() - self.shown_at


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SALT)


def started_token(at: float | None = None, nonce: str | None = None) -> str:
    """A signed one-time token: a fresh nonce and "shown at" now (or ``at``)."""
    shown_at = int(time.time() if at is None else at)
    nonce = nonce or secrets.token_urlsafe(12)
    return _signer().sign(f"{nonce}:{signing.b62_encode(shown_at)}")


def read(token) -> Started | None:
    """The token's nonce and time, or None for a missing, forged or expired one."""
    if not isinstance(token, str) or len(token) > 200:
        return None
    try:
        nonce, stamp = _signer().unsign(token).split(":")
        shown_at = signing.b62_decode(stamp)
    except (signing.BadSignature, ValueError):
        return None
    if not nonce or not 0 <= time.time() - shown_at <= MAX_AGE:
        return None
    return Started(nonce, shown_at)


def started_seconds_ago(token) -> float | None:
    """Seconds since the form was first shown, or None for a missing/forged/expired token."""
    started = read(token)
    return started.seconds_ago if started else None


def renewed(token) -> str:
    """A token for the form shown again: a new nonce, the original "shown at" if genuine."""
    started = read(token)
    return started_token(at=started.shown_at if started else None)


def claim(started: Started) -> bool:
    """Use the token up; False when it was used before (a replay).

    A cache that cannot answer (Redis down: django-redis returns None instead of
    raising) lets the token through, as the rate limits do: a replay while Redis is
    down files a duplicate that triage sees, where refusing would lose every report.
    """
    return cache.add(f"intake:once:{started.nonce}", 1, timeout=MAX_AGE + 60) is not False
