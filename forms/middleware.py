"""Refuse oversized POSTs before any part of Django reads the body.

Django caps non-file form data (DATA_UPLOAD_MAX_MEMORY_SIZE) but accepts any amount
of file data, and the CSRF check reads the body before a view runs: so the cap on the
whole request must sit in front of both. It sits after the authentication middleware
(which reads only the session cookie), because signed-in staff are the one exception:
their admin uploads may be larger. Anyone else, on the admin's login page too, is
held to the cap.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


def exempt(request) -> bool:
    """Signed-in staff with admin access (their document and image uploads)."""
    user = getattr(request, "user", None)
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )


class PublicRequestSizeLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.PUBLIC_MAX_REQUEST_BYTES and not exempt(request):
                megabytes = settings.PUBLIC_MAX_REQUEST_BYTES // (1024 * 1024)
                message = _(
                    "What you sent is too large (more than %(megabytes)s MB in all). "
                    "Please go back, choose fewer or smaller files, and send again."
                ) % {"megabytes": megabytes}
                response = HttpResponse(message, status=413, content_type="text/plain")
                response["Cache-Control"] = "no-store"
                return response
        return self.get_response(request)
