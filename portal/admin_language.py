"""Staff read the admin in the language of their Wagtail profile, whatever the browser says.

Wagtail renders its own views in the staff member's preferred admin language
(``wagtail.admin.localization.get_localized_response``), but only around the view:
a confirmation stored with ``messages.success`` is turned into text when the message
middleware saves it, after the view, in the browser's language. This middleware
holds the profile's language over the whole admin request, message storage included,
so the confirmation on the next page speaks the same language as the page.
"""

from django.urls import reverse
from django.utils import translation


def admin_language_of(user) -> str | None:
    """The admin language of ``user``'s Wagtail profile; None without a profile, as
    Wagtail's own views have it (one query, cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "wagtail_userprofile", None)  # None: DoesNotExist
    return profile.get_preferred_language() if profile is not None else None


class AdminLanguageMiddleware:
    """Placed outside MessageMiddleware, inside AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("wagtailadmin_home")
        language = None
        if request.path.startswith(self.prefix):
            language = admin_language_of(request.user)
        if not language:
            return self.get_response(request)
        with translation.override(language):
            return self.get_response(request)
