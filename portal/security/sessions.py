"""Staff sessions end after a spell of inactivity.

A triage officer who walks away from a shared office computer must not leave the
queue open. Readers have no session at all, so this only ever touches signed-in staff.
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
# Writing the session on every request would cost a database write per click; a
# minute's resolution is plenty for a timeout counted in minutes.
RESOLUTION_SECONDS = 60


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > settings.STAFF_SESSION_IDLE_MINUTES * 60:
                logout(request)
                if request.path.startswith(reverse("wagtailadmin_home")):
                    messages.info(request, _("You were signed out after a period of inactivity."))
                    login = reverse("wagtailadmin_login")
                    return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
                return self.get_response(request)
            if last is None or now - last >= RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
