"""Response headers that differ from the site-wide defaults in settings.

Every response gets ``Referrer-Policy: no-referrer`` from SecurityMiddleware, except
where a page posts a form: with ``no-referrer`` browsers send ``Origin: null`` on a
form POST, and Django's CSRF check rightly refuses that (and, over HTTPS, also wants
a Referer). ``same-origin`` sends the origin and referrer to the portal itself and
still nothing to any other site, so a reader's path never leaves the portal.
"""

from django.urls import reverse

SAME_ORIGIN = "same-origin"


def allow_same_origin_referrer(response):
    """For public pages with a POST form (the complaint and follow-up pages)."""
    response.headers["Referrer-Policy"] = SAME_ORIGIN
    return response


class AdminReferrerPolicyMiddleware:
    """The admin is forms all the way down: it gets ``same-origin``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(reverse("wagtailadmin_home")):
            allow_same_origin_referrer(response)
        return response
