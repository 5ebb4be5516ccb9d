"""Admin wiring for the content app's snippets."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from content.models import Hotline, Region, Service


class ModeratedEditView(EditView):
    """A moderator who approves from the snippet's editor approves what was submitted.

    Wagtail's snippet editor saves a new revision before every action, even when the
    form is unchanged; with WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT that revision
    needs approval again, so "Approve" in the editor never published. Like the page
    editor, save a revision for a workflow action only when the form changed.
    """

    def save_instance(self):
        if self.action == "workflow-action" and not self.form.has_changed():
            self.new_revision = None
            return self.object
        return super().save_instance()


class ServiceViewSet(SnippetViewSet):
    model = Service
    edit_view_class = ModeratedEditView
    icon = "help"
    menu_label = _("Services")
    add_to_admin_menu = False
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "name"]


register_snippet(ServiceViewSet)


class HotlineViewSet(SnippetViewSet):
    """Hotlines show on every public page: changes are moderated (content.models.moderation)."""

    model = Hotline
    edit_view_class = ModeratedEditView
    icon = "mobile-alt"
    menu_label = _("Hotlines")
    add_to_admin_menu = False
    list_display = ["name", "number", "scope", "locale"]
    list_filter = ["scope"]
    search_fields = ["name", "number"]
    search_backend_name = None  # hotlines are few and not in the search index
    ordering = ["sort_order", "name"]


register_snippet(HotlineViewSet)


class RegionFilterForm(BaseFilterForm):
    """The chooser's search, in the database: regions are not in the search index."""

    q = forms.CharField(
        label=_("Name or code"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(name__icontains=query) | Q(code__startswith=query))
            self.is_searching, self.search_query = True, query
        return objects


class RegionChooseView(chooser.ChooseView):
    filter_form_class = RegionFilterForm


class RegionChooseResultsView(chooser.ChooseResultsView):
    filter_form_class = RegionFilterForm


class RegionChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = RegionChooseView
    choose_results_view_class = RegionChooseResultsView


class RegionViewSet(SnippetViewSet):
    """Regions come from import_regions; editors mostly pick them with the chooser
    (a <select> of ~91,000 villages would be unusable)."""

    model = Region
    icon = "site"
    menu_label = _("Regions")
    add_to_admin_menu = False
    list_display = ["name", "code", "level"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    # Plain ORM filtering: regions are not in the search index.
    search_backend_name = None
    ordering = ["code"]
    list_per_page = 50
    chooser_viewset_class = RegionChooserViewSet


register_snippet(RegionViewSet)
