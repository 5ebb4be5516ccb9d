"""Wagtail's users app with the portal's account views (``portal/security/users.py``)."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "portal.security.users.UserViewSet"
