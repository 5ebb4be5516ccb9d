"""Which client sent a request: the one helper that rate limits and the login lock ask.

Behind ``TRUSTED_PROXY_COUNT`` proxies (load balancer, CDN) ``REMOTE_ADDR`` is the
nearest proxy, and every client would share it: the client is then the address the
outermost trusted proxy saw, counted from the right of ``X-Forwarded-For`` so that a
client cannot choose it by sending its own header. A dual-stack listener hands IPv4
clients over as ``::ffff:a.b.c.d``: that is the IPv4 address, not an IPv6 network.

``client_network`` is what a limit counts: an IPv4 address, or the /64 an IPv6
address belongs to (one phone holds many addresses of its network's prefix, so a
limit per IPv6 address could be dodged by changing address).
Nothing here is stored or logged; callers hash or keep it in the cache only.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

IPV6_PREFIX = 64


def client_address(request) -> str:
    """The client's address as text (IPv4-mapped IPv6 given as IPv4), or ``""``."""
    raw = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            raw = forwarded[-proxies]
    parsed = _parse(raw)
    return str(parsed) if parsed is not None else raw[:64]


def client_network(request) -> str:
    """What limits count per client: the IPv4 address, or for IPv6 the first address of
    its /64 (``2001:db8:1:2::``), still an address, as django-axes' column wants."""
    address = client_address(request)
    parsed = _parse(address)
    if parsed is None or parsed.version == 4:
        return address
    return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)


def _parse(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        parsed = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped
    return parsed
