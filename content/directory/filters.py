"""The directory's filter form: words to search for, region (province → regency/city →
district), service, kind of unit, open now, and the reader's location for "nearest first".

Every choice list is built from the submitted GET data, so the cascade works without
JavaScript: choosing a province and pressing "Show" brings back its regencies.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from content.directory.geo import parse_near
from content.models import Region, Service, UnitKind


def _region_choices(queryset, empty_label):
    return [("", empty_label)] + [(region.code, region.name) for region in queryset]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, service or address"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    regency = forms.ChoiceField(label=_("Regency / city"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    service = forms.ChoiceField(label=_("Service"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of unit"),
        required=False,
        choices=[("", _("All kinds of unit")), *UnitKind.choices],
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    near = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, locale, **kwargs):
        super().__init__(data, **kwargs)
        self.services = list(Service.objects.live().filter(locale=locale).only("code", "name"))
        self.fields["service"].choices = [("", _("All services"))] + [
            (service.code, service.name) for service in self.services
        ]
        province = self._chosen(data, "province", level=Region.Level.PROVINCE, parent=None)
        regency = self._chosen(data, "regency", level=Region.Level.REGENCY, parent=province)
        self.fields["province"].choices = _region_choices(
            Region.objects.filter(level=Region.Level.PROVINCE).only("code", "name"),
            _("All provinces"),
        )
        self.fields["regency"].choices = _region_choices(
            Region.objects.filter(parent_id=province).only("code", "name") if province else [],
            _("All regencies and cities"),
        )
        self.fields["district"].choices = _region_choices(
            Region.objects.filter(parent_id=regency).only("code", "name") if regency else [],
            _("All districts"),
        )

    @staticmethod
    def _chosen(data, name, *, level, parent):
        """A submitted code, if it is well-formed and sits below the chosen parent."""
        code = (data.get(name) or "").strip()
        if not code or code.count(".") != level - 1:
            return None
        if parent and not code.startswith(f"{parent}."):
            return None
        if level > Region.Level.PROVINCE and not parent:
            return None
        return code

    def clean(self):
        cleaned = super().clean()
        # A lower level only counts below the chosen upper one (a stale district after
        # the province changed is dropped, not an error for the reader).
        province = cleaned.get("province") or ""
        regency = cleaned.get("regency") or ""
        if not province or not regency.startswith(f"{province}."):
            cleaned["regency"] = regency = ""
        district = cleaned.get("district") or ""
        if not regency or not district.startswith(f"{regency}."):
            cleaned["district"] = ""
        cleaned["near"] = parse_near(cleaned.get("near"))
        return cleaned

    @property
    def region_code(self) -> str:
        """The most precise region the reader chose, or ""."""
        data = self.cleaned_data
        return data.get("district") or data.get("regency") or data.get("province") or ""
