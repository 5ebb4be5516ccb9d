"""Stage 1 of a POST: the rate limits, before anything else is read.

Per client (keyed on a salted hash of the address that lives only in the cache) and
for everyone together; django-ratelimit counts in the configured cache.
"""

from __future__ import annotations

import ipaddress

from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited


def client_key(group: str, request) -> str:
    """A salted hash of the client's address: what the cache counts, never stored.

    IPv6 clients are counted per /64, since one phone holds many addresses of its
    network's prefix. The address itself is never written anywhere.
    """
    address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
        if parsed.version == 6:
            address = str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    except ValueError:
        pass
    return salted_hmac("satu-layanan.forms.ratelimit", address, algorithm="sha256").hexdigest()


def everyone_key(group: str, request) -> str:
    return "everyone"


def over_limit(request, group: str, per_client_rate: str, global_rate: str | None = None) -> bool:
    """Count this request and say whether the client (or everyone together) is over."""
    limited = is_ratelimited(
        request, group=f"{group}:client", key=client_key, rate=per_client_rate, increment=True
    )
    if global_rate:
        limited |= is_ratelimited(
            request, group=f"{group}:all", key=everyone_key, rate=global_rate, increment=True
        )
    return limited
