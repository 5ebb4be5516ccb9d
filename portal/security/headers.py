"""Response headers that differ from the site-wide defaults in settings.

Every response gets ``Referrer-Policy: no-referrer`` from SecurityMiddleware, except
where a page posts a form: with ``no-referrer`` browsers send ``Origin: null`` on a
form POST, and Django's CSRF check rightly refuses that (and, over HTTPS, also wants
a Referer). ``same-origin`` sends the origin and referrer to the portal itself and
still nothing to any other site, so a reader's path never leaves the portal.
"""

from csp.utils import build_policy
from django.conf import settings
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

SAME_ORIGIN = "same-origin"


def allow_same_origin_referrer(response):
    """For public pages with a POST form (the complaint and follow-up pages)."""
    response.headers["Referrer-Policy"] = SAME_ORIGIN
    return response


class AdminReferrerPolicyMiddleware:
    """The admin's own headers: ``same-origin`` referrers (it is forms all the way
    down), and its own Content-Security-Policy (``ADMIN_CONTENT_SECURITY_POLICY``).

    Reporters' words are shown in the admin: the policy lets nothing load from, post
    to or connect to anywhere but the portal, so even text that slipped past escaping
    could neither fetch a script nor send what it read elsewhere. Wagtail's own widgets
    still need inline scripts and styles, so those stay allowed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(reverse("wagtailadmin_home")):
            allow_same_origin_referrer(response)
            response.headers.setdefault(
                "Content-Security-Policy",
                build_policy(config=settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]),
            )
        return response


class PrivateQueryNoStoreMiddleware:
    """``Cache-Control: no-store`` for any page whose URL carries what a reader typed
    or where they are (``PRIVATE_QUERY_PARAMETERS``: a search, a location), so that a
    shared phone's cache, and any cache between, keeps none of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if any(request.GET.get(name) for name in settings.PRIVATE_QUERY_PARAMETERS):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
