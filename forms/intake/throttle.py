"""Stage 1 of a POST: the rate limits.

Two buckets, so that no client can use up a limit for the others:

- per client (``client_limited``): every complaint POST and every receipt look-up
  counts, junk included, keyed on a salted hash of the client's address or IPv6 /64
  (``portal.security.client``, proxy-aware) that lives only in the cache;
- for everyone together (``everyone_limited``): counted only for a POST that is
  within its client's own limit and has passed the cheap checks and the captcha, so
  junk never counts and one client can take at most its own share of it.

django-ratelimit counts in the configured cache (local memory, or Redis across
processes).
"""

from django_ratelimit.core import is_ratelimited

from portal.security.throttle import client_key, everyone_key

# The portal's one client key (portal/security/throttle.py), shared with the open data.


def client_limited(request, group: str, rate: str) -> bool:
    """Count this request against its client and say whether the client is over."""
    return is_ratelimited(
        request, group=f"{group}:client", key=client_key, rate=rate, increment=True
    )


def everyone_limited(request, group: str, rate: str | None) -> bool:
    """Count this request against everyone together and say whether that is over."""
    if not rate:
        return False
    return is_ratelimited(
        request, group=f"{group}:all", key=everyone_key, rate=rate, increment=True
    )
