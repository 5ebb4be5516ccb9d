"""Rate limits for the public endpoints: per client and for everyone together.

Per client is keyed on a salted hash of the address that lives only in the cache;
django-ratelimit counts in the configured cache. The complaint intake throttles its
POSTs here (forms/intake/throttle.py); the open data, the read API and the
statistics downloads go through ``PublicDataThrottleMiddleware`` or ``throttled``
(OPEN_DATA_RATE_PER_CLIENT).
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

from portal.security.client import client_network


def client_key(group: str, request) -> str:
    """A salted hash of the client's address (IPv6: its /64; behind TRUSTED_PROXY_COUNT
    proxies, the address they saw; portal/security/client.py): what the cache counts."""
    network = client_network(request)
    return salted_hmac("satu-layanan.forms.ratelimit", network, algorithm="sha256").hexdigest()


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


def refusal() -> HttpResponse:
    response = HttpResponse(
        "Too many requests; please wait a minute.", status=429, content_type="text/plain"
    )
    response["Retry-After"] = "60"
    return response


def throttled(view):
    """A public data view, limited per client to OPEN_DATA_RATE_PER_CLIENT."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if over_limit(request, "open-data", settings.OPEN_DATA_RATE_PER_CLIENT):
            return refusal()
        return view(request, *args, **kwargs)

    return wrapped


class PublicDataThrottleMiddleware:
    """The same limit for everything under /api/ and /open-data/ (read-only data)."""

    PREFIXES = ("/api/", "/open-data/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.PREFIXES) and over_limit(
            request, "open-data", settings.OPEN_DATA_RATE_PER_CLIENT
        ):
            return refusal()
        return self.get_response(request)
