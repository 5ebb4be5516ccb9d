"""Failed staff logins: how django-axes tells one attempt's origin from another, and
a limit per username that no attacker can turn against a whole agency.

Only the admin login reaches this: the public pages and the complaint endpoints never
authenticate anyone, so no reader's address is ever looked at or stored here.

Two locks:

- django-axes locks a *(username, origin)* pair after ``LOGIN_FAILURE_LIMIT`` wrong
  passwords, the origin being the client's IPv4 address or IPv6 /64
  (``portal/security/client.py``): an attacker cannot walk through the 2^64 addresses
  of one IPv6 network;
- ``UsernameLimitBackend`` locks a *username* after ``LOGIN_USERNAME_FAILURE_LIMIT``
  wrong passwords from anywhere (many addresses, many networks), but only for browsers
  that have never signed in to that account: a successful sign-in leaves a signed
  *known device* cookie on the admin path (OWASP's "device cookies"), and a browser
  that shows it for the username is held to the first lock alone. Spraying every
  username of an agency therefore stops the spray, not the staff at their desks.
"""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone

from portal.security.client import client_network

DEVICE_COOKIE = "portal_known_device"
DEVICE_COOKIE_DAYS = 180
_DEVICE_SALT = "portal.security.known-device"


def client_address(request) -> str:
    """The origin of a login attempt, for django-axes (``AXES_CLIENT_IP_CALLABLE``)."""
    return client_network(request)


def failures_for(username: str) -> int:
    """Wrong passwords for ``username`` within the cool-off, from every origin together."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def known_device(request, username: str) -> bool:
    """Whether this browser signed in to ``username`` before (a valid device cookie)."""
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    try:
        known = signing.loads(value, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_DAYS * 86400)
    except signing.BadSignature:
        return False
    return isinstance(known, str) and known.casefold() == username.casefold()


class UsernameLimitBackend:
    """An authentication backend that authenticates nobody: it refuses a username
    over its own limit to browsers it has not seen sign in (placed after django-axes'
    backend, before the one that checks the password). No ``get_user``: sessions
    are never bound to it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not username:
            return None
        if failures_for(username) < settings.LOGIN_USERNAME_FAILURE_LIMIT:
            return None
        if known_device(request, username):
            return None
        # The same answer as django-axes' own lock (AxesMiddleware reads this flag).
        request.axes_locked_out = True
        raise PermissionDenied


def remember_device(sender, request, user, **kwargs) -> None:
    """On a successful sign-in, mark the browser as one that knows this account."""
    if request is not None:
        request._portal_known_device = signing.dumps(user.get_username(), salt=_DEVICE_SALT)


class KnownDeviceMiddleware:
    """Writes the device cookie that ``remember_device`` prepared (admin path only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = getattr(request, "_portal_known_device", None)
        if value:
            response.set_cookie(
                DEVICE_COOKIE,
                value,
                max_age=DEVICE_COOKIE_DAYS * 86400,
                path="/admin/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
