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
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac

LENGTH = 32  # hex digits: 128 bits, ample against collisions among a few thousand units
_SALT = "satu-layanan.forms.triage.unit-index"


def _key() -> bytes:
    if settings.REFERRAL_INDEX_KEY:
        return settings.REFERRAL_INDEX_KEY.encode()
    # Outside production only (the settings refuse to start production without it).
    return salted_hmac(_SALT, "referral-index-key", algorithm="sha256").digest()


def token(translation_key) -> str:
    return hmac.new(_key(), f"unit:{translation_key}".encode(), hashlib.sha256).hexdigest()[:LENGTH]


def of(unit) -> str:
    """The index of a ``ServiceUnitPage`` (any of its translations)."""
    return token(unit.translation_key)


def units_by_token(tokens=None) -> dict:
    """{token: the unit's page in the default language} for every unit (or those
    whose tokens are given): how the staff side turns a token back into a name."""
    from content.models import ServiceUnitPage

    units = ServiceUnitPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    found = {of(unit): unit for unit in units.only("pk", "title", "translation_key")}
    return found if tokens is None else {t: found[t] for t in tokens if t in found}
