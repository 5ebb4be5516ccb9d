"""Row-level export for national recording (case managers and administrators)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content.models import Region
from forms.triage import access, export
from forms.triage.views.base import never_cached


class ExportForm(forms.Form):
    """A region (province or regency) and a month or a whole year."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("The whole year"))] + [(m, m) for m in range(1, 13)],
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", "XLSX"), ("csv", "CSV")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.filter(level__lte=Region.Level.REGENCY).order_by("code")
        self.fields["region"].choices = [("", _("Every region"))] + [
            (code, f"{code} {name}") for code, name in regions.values_list("code", "name")
        ]


class ExportView(access.GateMixin, WagtailAdminTemplateMixin, TemplateView):
    """Download a month or a year of report rows for national recording (audited)."""

    template_name = "triage/export.html"
    header_icon = "download"
    page_title = _("Export for national recording")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can(request.user, "export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET or None)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            period = export.Period(data["year"], data["month"])
            body, content_type, name = export.export(
                request.user, data["region"], period, data["format"]
            )
            response = HttpResponse(body, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return never_cached(response)
        return self.render_to_response(self.get_context_data(form=form))
