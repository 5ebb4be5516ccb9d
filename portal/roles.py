"""Helpers for the migrations that make staff groups (portal/migrations/, triage's own)."""


def permission(apps, app_label, model, codename):
    """The permission, made if needed: Django makes permissions after ``migrate``
    (post_migrate), too late for a migration that hands them to groups."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )[0]
