"""Staff administration: an administrator (or a unit coordinator, for their units'
members) sets a person's regions, units, duty and notice address, and resets a lost
second factor. Both audited."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from forms.triage.actions.base import TriageAction, registry


class StaffAction(TriageAction):
    target = "profile"

    def audit(self, detail: str = "", action: str | None = None):
        detail = f"user {self.instance.user_id}" + (f"; {detail}" if detail else "")
        return super().audit(detail, action)


@registry.register
class UpdateStaff(StaffAction):
    """Save the staff screen's form (forms/triage/views/staff.py) for this profile;
    the audit entry names the fields changed, never their values."""

    action_name = "update_staff"
    success_message = _("Staff member saved.")

    def perform(self, form):
        profile = form.save()
        self.audit(self.what_changed(form))
        return profile

    def what_changed(self, form) -> str:
        return ", ".join(sorted(form.changed_data))


@registry.register
class AddStaff(UpdateStaff):
    """An administrator gives a staff account its profile (the first save)."""

    action_name = "add_staff"

    def what_changed(self, form) -> str:
        return "created"


@registry.register
class ResetSecondFactor(StaffAction):
    """After a lost phone: the person's authenticator devices go, and the next
    sign-in sets up a new one (which the two-factor middleware insists on)."""

    action_name = "reset_second_factor"
    success_message = _("Second factor reset: they set up a new authenticator at next sign-in.")

    def perform(self):
        removed, _by_model = TOTPDevice.objects.filter(user=self.instance.user).delete()
        self.audit(f"{removed} device(s) removed")
