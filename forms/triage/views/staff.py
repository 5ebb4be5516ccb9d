"""Staff administration (Settings → Staff): regions, units, duty, notice address, and
a button that resets a lost second factor. Administrators manage everyone; a unit
coordinator manages the members of their own units (``access.profiles_managed_by``).
Every save and every reset goes through a registered, audited action."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from content.models import Region, ServiceUnitPage
from forms.triage import access
from forms.triage.actions import staff as staff_actions
from forms.triage.models import StaffProfile
from forms.triage.views.base import ReadOnlyIndexView, take


class StaffProfileForm(WagtailAdminModelForm):
    """The staff screen. A coordinator sees only duty, notice address and their own
    units (other units the person belongs to are kept as they are)."""

    class Meta:
        model = StaffProfile
        fields = ["user", "regions", "units", "on_duty", "notification_email"]
        widgets = {
            "regions": forms.SelectMultiple(attrs={"size": 8}),
            "units": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["regions"].queryset = Region.objects.filter(
            level__lte=Region.Level.REGENCY
        ).order_by("code")
        self.fields["regions"].help_text = _(
            "An officer sees the reports of these regions and every region below them."
        )
        administrator = access.holds(user, access.STAFF)
        self.own_units = (
            ServiceUnitPage.objects.filter(locale__language_code="id")
            if administrator
            else ServiceUnitPage.objects.filter(pk__in=[u.pk for u in access.units_of(user)])
        ).order_by("title")
        self.fields["units"].queryset = self.own_units
        self.fields["units"].help_text = _(
            "A member of Unit staff or Unit coordinator sees the referrals to these units."
        )
        if self.instance.pk:
            del self.fields["user"]
        else:
            self.fields["user"].queryset = (
                get_user_model().objects.filter(is_active=True, staff_profile__isnull=True)
            ).order_by("username")
        if not administrator:
            del self.fields["regions"]

    def clean_units(self):
        chosen = list(self.cleaned_data["units"])
        if not self.instance.pk:
            return chosen
        others = self.instance.units.exclude(pk__in=self.own_units.values("pk"))
        return chosen + list(others)


def roles_of(profile) -> str:
    return ", ".join(group.name for group in profile.user.groups.all()) or "—"


class StaffIndexView(ReadOnlyIndexView):
    section = "staff"
    page_title = _("Staff")

    def get_base_queryset(self):
        return access.profiles_managed_by(
            self.request.user,
            StaffProfile.objects.select_related("user")
            .prefetch_related("regions", "units", "user__groups")
            .order_by("user__username"),
        )

    def get_add_url(self):
        return (
            reverse("triage_staff:add") if access.holds(self.request.user, access.STAFF) else None
        )

    @property
    def columns(self):
        enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
        return [
            TitleColumn("user", label=_("Staff member"), url_name="triage_staff:edit"),
            Column("roles", label=_("Roles"), accessor=roles_of),
            Column(
                "regions",
                label=_("Regions"),
                accessor=lambda p: ", ".join(r.name for r in p.regions.all()) or "—",
            ),
            Column(
                "units",
                label=_("Service units"),
                accessor=lambda p: ", ".join(u.title for u in p.units.all()) or "—",
            ),
            BooleanColumn("on_duty", label=_("On duty")),
            BooleanColumn(
                "second_factor",
                label=_("Second factor set up"),
                accessor=lambda p: p.user_id in enrolled,
            ),
        ]


class StaffCreateView(access.GateMixin, generic.CreateView):
    section = "staff"

    def save_instance(self):
        return staff_actions.AddStaff.run(self.request.user, self.form.instance, self.form)


class StaffEditView(access.GateMixin, generic.EditView):
    section = "staff"
    template_name = "triage/staff_edit.html"

    def save_instance(self):
        return staff_actions.UpdateStaff.run(self.request.user, self.form.instance, self.form)

    def get_queryset(self):
        return access.profiles_managed_by(self.request.user)

    # No usage, history or delete screen exists for a profile (the audit log is its history).
    def get_usage_url(self):
        return None

    def get_history_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reset_url"] = reverse("triage_staff:reset_second_factor", args=[self.object.pk])
        context["has_device"] = TOTPDevice.objects.filter(user=self.object.user).exists()
        return context


@method_decorator(require_POST, name="dispatch")
class ResetSecondFactorView(access.GateMixin, View):
    section = "staff"

    def post(self, request, pk):
        profile = get_object_or_404(access.profiles_managed_by(request.user), pk=pk)
        return take(
            request,
            staff_actions.ResetSecondFactor,
            profile,
            reverse("triage_staff:edit", args=[profile.pk]),
        )


class StaffProfileViewSet(ModelViewSet):
    model = StaffProfile
    icon = "group"
    menu_label = _("Staff")
    menu_name = "triage-staff"
    url_prefix = "staff"
    name = "triage_staff"
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = StaffIndexView
    add_view_class = StaffCreateView
    edit_view_class = StaffEditView
    reset_view_class = ResetSecondFactorView
    kept_urls = ("index", "index_results", "add", "edit")

    def get_form_class(self, for_update=False):
        return StaffProfileForm

    def get_urlpatterns(self):
        return [url for url in super().get_urlpatterns() if url.name in self.kept_urls] + [
            path(
                "reset-second-factor/<int:pk>/",
                self.construct_view(self.reset_view_class),
                name="reset_second_factor",
            )
        ]
