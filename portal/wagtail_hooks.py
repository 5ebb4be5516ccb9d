from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.security import urls as two_factor_urls


@hooks.register("register_admin_urls")
def two_factor_admin_urls():
    return [path("2fa/", include(two_factor_urls))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor:enrol"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up or replace the authenticator app that confirms your sign-in."),
    }
