"""Staff sessions end after a spell of inactivity, and after a working day in any case.

A triage officer who walks away from a shared office computer must not leave the
queue open. Readers have no session at all, so this only ever touches signed-in staff.

The absolute limit counts from the sign-in (``SIGNED_IN_KEY``, written when the user
logs in), not from the cookie's expiry: a session that is written to on every request
gets a fresh cookie each time and would otherwise never reach it.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

LAST_ACTIVITY_KEY = "portal_last_activity"
SIGNED_IN_KEY = "portal_signed_in_at"
# The activity stamp is rewritten at most this often: fewer session writes.
ACTIVITY_RESOLUTION_SECONDS = 60


def mark_signed_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: the moment the absolute limit counts from."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_KEY] = now
        request.session[LAST_ACTIVITY_KEY] = now


def expired(session, now: int) -> str | None:
    """Why this staff session is over ("idle", "absolute"), or None."""
    signed_in = session.get(SIGNED_IN_KEY)
    # A session from before this rule has no sign-in time: it ends now.
    if signed_in is None or now - signed_in > settings.STAFF_SESSION_ABSOLUTE_HOURS * 3600:
        return "absolute"
    last = session.get(LAST_ACTIVITY_KEY)
    if last is not None and now - last > settings.STAFF_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is nobody to sign out, and touching the
        # session would add "Vary: Cookie" to public pages and spoil their caching.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            reason = expired(request.session, now)
            if reason is not None:
                logout(request)
                if request.path.startswith(reverse("wagtailadmin_home")):
                    notice = (
                        _("You were signed out after a period of inactivity.")
                        if reason == "idle"
                        else _("You were signed out: a session lasts a working day at most.")
                    )
                    messages.info(request, notice)
                    login = reverse("wagtailadmin_login")
                    return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
                return self.get_response(request)
            last = request.session.get(LAST_ACTIVITY_KEY) or 0
            if now - last >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
