"""Admin wiring for the content app's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "help"
    menu_label = _("Services")
    add_to_admin_menu = False
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "name"]


register_snippet(ServiceViewSet)
