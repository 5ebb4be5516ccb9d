"""Where a report happened, kept as coarse as counting allows and no finer in clear.

A report's ``region`` (in clear) is its regency or city, or the province when no
regency was chosen: what the queue filters on and what the statistics count by. The
district and village the reporter chose are sealed (``Report.precise_region``), since
in a small village they come close to naming a household. Beside them the report keeps
a *blind index* of its district: HMAC-SHA256 of the district's Kemendagri code under
``REGION_INDEX_SECRET`` (a secret from the environment, not in the database), so that

- officers scoped to a district see its reports (``district_index`` equals the index
  of their district), and
- the statistics can count by district where every district cell clears the threshold,

while a database dump shows only an opaque 64-digit value that nobody without the
secret can turn back into a code.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

PROVINCE, REGENCY, DISTRICT, VILLAGE = 1, 2, 3, 4


def level_of(code: str) -> int:
    """A Kemendagri code's level by its shape: 31, 31.71, 31.71.01, 31.71.01.1001."""
    return code.count(".") + 1


def district_of(code: str) -> str:
    """The district a district or village code belongs to ("" above district level)."""
    return ".".join(code.split(".")[:3]) if level_of(code) >= DISTRICT else ""


def district_index(code: str) -> str:
    """The keyed blind index of a district code ("" for no district)."""
    if not code:
        return ""
    key = settings.REGION_INDEX_SECRET.encode()
    return hmac.new(key, f"district:{code}".encode(), hashlib.sha256).hexdigest()


def split(region) -> tuple:
    """``(public region, precise code)`` for the finest region a reporter chose: the
    regency (or province) to keep in clear, and the district or village code to seal."""
    public = region
    while public is not None and public.level > REGENCY:
        public = public.parent
    precise = region.code if region.level >= DISTRICT else ""
    return public, precise
