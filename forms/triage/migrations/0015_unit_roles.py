"""The partner units' roles as groups, and the new triage permissions.

- Unit staff: opens the admin and works on the referrals sent to their units.
- Unit coordinator: the same, and sets who is on duty among their units' members
  (Settings → Staff, forms/triage/views/staff.py).
- Administrator: also manages every staff member's regions and units (and, holding
  no unit role, sees no unit's inbox).

Neither unit role holds any permission of the queue (``access_triage`` and the rest):
the queue, the case pages and the audit log never open for them.
"""

from django.db import migrations

from portal.roles import permission

UNIT_STAFF = ["work_referrals"]
UNIT_COORDINATOR = [*UNIT_STAFF, "coordinate_units"]
ROLES = {"Unit staff": UNIT_STAFF, "Unit coordinator": UNIT_COORDINATOR}
# The Administrator is where a person's regions and units are set.
ADMINISTRATOR = ["manage_staff"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            access_admin, *(permission(apps, "triage", "triageaccess", c) for c in codenames)
        )
    administrator = Group.objects.filter(name="Administrator").first()
    if administrator is not None:
        administrator.permissions.add(
            *(permission(apps, "triage", "triageaccess", c) for c in ADMINISTRATOR)
        )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    added = Permission.objects.filter(
        content_type__app_label="triage", codename__in=ADMINISTRATOR
    )
    for group in Group.objects.filter(name="Administrator"):
        group.permissions.remove(*added)
    Group.objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0014_case_plan_and_unit_referrals"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
