"""Admin-wide rules for staff sessions."""

from django.shortcuts import redirect
from django.urls import reverse

from portal.security.two_factor import is_verified, requires_two_factor, verification_url


class TwoFactorMiddleware:
    """Staff who need a second factor reach no admin page until they have passed it.

    The gate covers the whole admin, not only triage: an unverified superuser could
    otherwise grant themselves anything. Signing in and out, the password reset and
    the two-factor pages themselves stay open (prefix match), or nobody could get through;
    so do the icon sprite and the JavaScript catalogue that every admin page (those
    included) fetches, or their scripts would receive the redirect's HTML instead.
    """

    OPEN_URL_NAMES = (
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "two_factor:enrol",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_verify(request):
            return redirect(verification_url(request))
        return self.get_response(request)

    def must_verify(self, request) -> bool:
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return False
        if any(request.path.startswith(reverse(name)) for name in self.OPEN_URL_NAMES):
            return False
        user = request.user
        return user.is_authenticated and requires_two_factor(user) and not is_verified(user)
