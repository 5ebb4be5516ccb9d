"""The staff roles as Django groups with their triage permissions.

Editor and Moderator (made by the content side) get no triage permission at all;
this migration only ever adds permissions to the three triage roles.
"""

from django.db import migrations

TRIAGE_PERMISSIONS = {
    "access_triage": "Can open the triage queue",
    "work_reports": "Can claim, verify, refer and message on reports",
    "view_all_regions": "Can see reports of every region",
    "reassign_reports": "Can reassign reports and act on others' reports",
    "view_audit_log": "Can read the triage audit log",
}
OFFICER = ["access_triage", "work_reports"]
CASE_MANAGER = [*OFFICER, "view_all_regions", "reassign_reports", "view_audit_log"]
ROLES = {
    "Triage officer": OFFICER,
    "Case manager": CASE_MANAGER,
    "Administrator": CASE_MANAGER,
}
PROFILE_PERMISSIONS = ["add_staffprofile", "change_staffprofile", "view_staffprofile"]


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    # Permissions are normally made after migrate (post_migrate); a data migration
    # that grants them must make them itself.
    access_type, _ = ContentType.objects.get_or_create(app_label="triage", model="triageaccess")
    triage = {
        codename: Permission.objects.get_or_create(
            content_type=access_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in TRIAGE_PERMISSIONS.items()
    }
    profile_type, _ = ContentType.objects.get_or_create(app_label="triage", model="staffprofile")
    profile = [
        Permission.objects.get_or_create(
            content_type=profile_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} staff profile"},
        )[0]
        for codename in PROFILE_PERMISSIONS
    ]
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )

    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *(triage[codename] for codename in codenames))
        if name == "Administrator":
            group.permissions.add(*profile)


def remove_roles(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    triage = Permission.objects.filter(content_type__app_label="triage")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*triage)
    Group.objects.filter(name__in=["Triage officer", "Case manager"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
