"""Refuse a URL that carries a NUL byte, before any view turns it into a query.

No page, filter or search of the portal has a use for a NUL character, and PostgreSQL
refuses text that holds one (a server error, where the reader should get a clear
answer). One check here covers every listing, filter, search and the admin; posted
form fields are checked by the forms themselves (Django's text fields refuse NUL, and
the complaint form's region codes must match the Kemendagri pattern).
"""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _

NUL = "\x00"


def carries_nul(request) -> bool:
    if NUL in request.path:
        return True
    return any(
        NUL in name or any(NUL in value for value in values) for name, values in request.GET.lists()
    )


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            # This runs before LocaleMiddleware: take the language from the URL prefix.
            language = translation.get_language_from_path(request.path_info)
            with translation.override(language or settings.LANGUAGE_CODE):
                message = _(
                    "This address contains a character that is not allowed. "
                    "Please go back and try again."
                )
            response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
