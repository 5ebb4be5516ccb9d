from django.urls import include, path, reverse
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal import translation_views
from portal.security import urls as two_factor_urls


@hooks.register("register_admin_urls")
def two_factor_admin_urls():
    return [path("2fa/", include(two_factor_urls))]


@hooks.register("register_admin_urls")
def translation_moderation_urls():
    """Registered before wagtail-localize's (portal comes first in INSTALLED_APPS), so
    these take the addresses of its sync and convert-to-alias views."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            translation_views.UpdateTranslationsView.as_view(),
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", translation_views.convert_to_alias),
        path(
            "translations/<int:translation_id>/submit/",
            translation_views.submit_translation,
            name="portal_submit_translation",
        ),
        path(
            "translations/<int:translation_id>/moderate/",
            translation_views.moderate_translation,
            name="portal_moderate_translation",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor:enrol"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up or replace the authenticator app that confirms your sign-in."),
    }


def _whats_new_label(version: str) -> str:
    return gettext("What's new in Wagtail %(version)s") % {"version": version}


@hooks.register("construct_help_menu")
def whats_new_label_per_request(request, menu_items):
    """Wagtail's help menu names its "What's new in Wagtail 8.0" item with a string
    formatted once, when the first request builds the menu: in that request's language
    for every staff member after it. Made lazy, each reads it in their own language."""
    prefix = "whats-new-in-wagtail-"
    for item in menu_items:
        if item.name.startswith(prefix) and not isinstance(item.label, Promise):
            item.label = lazy(_whats_new_label, str)(item.name.removeprefix(prefix))


@hooks.register("construct_reports_menu")
def translations_report_label_per_request(request, menu_items):
    """wagtail-localize labels its "Translations" report with a plain ``gettext``, and
    Wagtail builds its menus once per process: the first request's language would
    stay for every staff member after it. The label is made lazy again, so that each
    staff member reads it in their own admin language."""
    url = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.url == url and not isinstance(item.label, Promise):
            item.label = _("Translations")
