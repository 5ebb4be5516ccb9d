"""What the triage screens share: the gate, one read-only list, one read-only viewset."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from forms.triage import access
from forms.triage.actions import TriageError
from forms.triage.views.columns import PythonTable
from forms.triage.workflow import IllegalTransition

ICON = "triage"


class ReadOnlyIndexView(access.GateMixin, IndexView):
    """A list with filters and pages and nothing to add (the queue, the inbox, the
    audit log), in the order its queryset gives: the order is a triage rule, never
    a column sort. A member with nothing in scope yet (no region, no unit) is told
    so rather than shown an empty list."""

    any_permission_required = ["view"]
    table_class = PythonTable
    results_template_name = "triage/listing_results.html"
    unscoped_message = ""

    def order_queryset(self, queryset):
        return queryset

    def get_add_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.unscoped_message and access.is_unscoped(self.request.user, self.section):
            context["unscoped_message"] = self.unscoped_message
        return context


class ReadOnlyViewSet(ModelViewSet):
    """A ModelViewSet that keeps only its list: no add, edit, delete, history, usage or
    copy URL exists, so nothing can be changed around the actions. Subclasses extend
    ``get_urlpatterns()`` with their own screens."""

    read_only_urls = ("index", "index_results")
    form_fields = []  # the unrouted add/edit views are still built: give them an empty form
    add_to_reference_index = False
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [url for url in super().get_urlpatterns() if url.name in self.read_only_urls]

    def register_admin_url_finder(self):
        pass  # no edit view to point at


class AuditedPage(access.GateMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page of decrypted content (a case, a unit's packet): behind the gate, each
    read audited (``record_read``), never cached, titled by its number and below its
    list in the breadcrumbs."""

    title = ""  # with %(number)s
    index_url_name = ""
    index_label = ""

    def get_object(self):
        raise NotImplementedError

    def record_read(self, user, instance) -> None:
        raise NotImplementedError

    @cached_property
    def object(self):
        return self.get_object()

    def get_page_title(self):
        return self.title % {"number": self.object.pk}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        self.record_read(request.user, self.object)
        return never_cached(super().get(request, *args, **kwargs))


def never_cached(response):
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response


def take(request, action_class, instance, redirect_to, on_success=None):
    """POST one registered action on ``instance``; say how it went on the next page."""
    action = action_class(instance, request.user)
    try:
        result = action.execute(**action_class.params(request.POST, instance))
    except (IllegalTransition, TriageError) as error:
        messages.error(request, error.message)
    except PermissionDenied:
        access.refused(request.user, f"action {action_class.action_name}", action.report.pk)
        raise
    else:
        messages.success(request, action.message(result))
        if on_success is not None:
            on_success(request, instance)
    return redirect(redirect_to)
