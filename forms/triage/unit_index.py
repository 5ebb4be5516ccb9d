"""The keyed blind index that finds "referrals to my units" without naming the unit.

A referral's unit (which hospital, which safe house) is sealed with the report's data
key, like every other sensitive value: a database dump must not say where a victim
was sent. The unit's inbox still needs an indexed query, so each referral also
stores ``unit_index``: an HMAC-SHA256 of the unit's identity under
``settings.REFERRAL_INDEX_KEY``, a secret of its own. Without that key the column is
an opaque token; with it, the portal computes the token of each of a member's units
and asks the database for equal values.

The identity is the unit page's ``translation_key`` (the same for the Indonesian page
and its English translation), so a membership of either page finds the referral.
What the index still tells a reader of a dump is equality: two referrals with the same
token went to the same unit. docs/referrals.md weighs that and the alternatives.

Rotating the key: put the new one in REFERRAL_INDEX_KEY and the old one in
REFERRAL_INDEX_KEY_FALLBACKS, run ``manage.py reindex_referrals`` (it recomputes every
referral's token from its sealed unit), and keep the old key listed for as long as the
audit log's older entries (append-only, so never recomputed) should stay filterable by
unit.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac

LENGTH = 32  # hex digits: 128 bits, ample against collisions among a few thousand units
_SALT = "satu-layanan.forms.triage.unit-index"


def _keys() -> list[bytes]:
    if settings.REFERRAL_INDEX_KEY:
        keys = [settings.REFERRAL_INDEX_KEY, *settings.REFERRAL_INDEX_KEY_FALLBACKS]
        return [key.encode() for key in keys]
    # Outside production only (the settings refuse to start production without it).
    return [salted_hmac(_SALT, "referral-index-key", algorithm="sha256").digest()]


def _token(key: bytes, translation_key) -> str:
    digest = hmac.new(key, f"unit:{translation_key}".encode(), hashlib.sha256)
    return digest.hexdigest()[:LENGTH]


def token(translation_key) -> str:
    return _token(_keys()[0], translation_key)


def of(unit) -> str:
    """The index of a ``ServiceUnitPage`` (any of its translations)."""
    return token(unit.translation_key)


def all_of(unit) -> list[str]:
    """The unit's index under the current key and every fallback key (older audit
    entries were written under those)."""
    return [_token(key, unit.translation_key) for key in _keys()]


def units_by_token(tokens=None) -> dict:
    """{token: the unit's page in the default language} for every unit (or those
    whose tokens are given): how the staff side turns a token back into a name."""
    from content.models import ServiceUnitPage

    units = ServiceUnitPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    found = {of(unit): unit for unit in units.only("pk", "title", "translation_key")}
    return found if tokens is None else {t: found[t] for t in tokens if t in found}
