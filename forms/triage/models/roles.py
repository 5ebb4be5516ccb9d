from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TriageAccess(models.Model):
    """Holds the triage permissions; no table.

    Like Wagtail's own ``wagtailadmin.Admin``, a model that exists only so that its
    permissions can be granted to groups (forms/triage/migrations/0002_roles.py and
    0015_unit_roles.py). What each one lets a person do is decided in one place,
    forms/triage/access.py.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("access_triage", _("Can open the triage queue")),
            ("work_reports", _("Can claim, verify, refer and message on reports")),
            ("view_all_regions", _("Can see reports of every region")),
            ("reassign_reports", _("Can reassign reports and act on others' reports")),
            ("view_audit_log", _("Can read the triage audit log")),
            ("export_reports", _("Can export report rows for national recording")),
            ("work_referrals", _("Can work on the referrals sent to their units")),
            ("coordinate_units", _("Can set who is on duty among their units' members")),
            ("manage_staff", _("Can set any staff member's regions and units")),
        ]

    def __str__(self):
        return "triage"


class StaffProfile(models.Model):
    """What triage needs to know about a staff member beyond their groups."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    # Officers see reports of these regions and every region below them.
    regions = models.ManyToManyField(
        "content.Region", verbose_name=_("regions"), blank=True, related_name="staff"
    )
    # Unit staff and coordinators see the referrals sent to these units.
    units = models.ManyToManyField(
        "content.ServiceUnitPage",
        verbose_name=_("service units"),
        blank=True,
        through="UnitMembership",
        related_name="members",
    )
    on_duty = models.BooleanField(_("on duty"), default=False)
    # Where notices go; the account's own address when empty.
    notification_email = models.EmailField(_("notification email"), blank=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)

    @property
    def email_for_notices(self) -> str:
        return self.notification_email or self.user.email


class UnitMembership(models.Model):
    """A staff member of a partner service unit (a page of the service directory)."""

    profile = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "content.ServiceUnitPage",
        verbose_name=_("service unit"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "unit"], name="triage_one_membership")
        ]
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")

    def __str__(self):
        return f"{self.profile} @ {self.unit_id}"
