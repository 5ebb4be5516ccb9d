"""Editorial roles and the moderation workflow (README, "Editorial workflow").

- Editor: writes and edits pages, submits them for moderation; never publishes, never
  deletes, never sees triage. Reads hotlines and services here; 0002 lets editors draft
  changes to them, which wait for a moderator like pages do.
- Moderator: everything an editor does, plus approving (which publishes) or asking for
  changes with a comment, unlocking, and editing hotlines and services.
- Administrator: everything on content, plus staff accounts (the triage migration adds
  its own permissions to the same group).

Page permissions are granted on the root page, so they cover every section that exists
now or later; per-section groups ("Campaign editors", "News editors", "Directory
editors") come in 0003 (see portal/sections.py). Wagtail's own
starter groups ("Editors", "Moderators") and workflow are renamed rather than left
beside these, so there is one of each.
"""

from django.db import migrations

from portal.roles import permission

PAGE_PERMISSIONS = {
    "Editor": ["add_page", "change_page", "lock_page"],
    "Moderator": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Administrator": [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
SNIPPETS = [("content", "hotline"), ("content", "service")]
SNIPPET_ACTIONS = {
    "Editor": ["view"],
    "Moderator": ["view", "add", "change", "delete"],
    "Administrator": ["view", "add", "change", "delete"],
}
MEDIA = {
    "Editor": ["add_image", "change_image", "choose_image", "add_document", "change_document",
               "choose_document"],
}
MEDIA["Moderator"] = MEDIA["Editor"] + ["delete_image", "delete_document"]
MEDIA["Administrator"] = MEDIA["Moderator"]
OTHER = {
    "Editor": [("wagtail_localize", "translation", "submit_translation")],
    "Moderator": [("wagtail_localize", "translation", "submit_translation")],
    "Administrator": [
        ("wagtail_localize", "translation", "submit_translation"),
        ("auth", "user", "add_user"),
        ("auth", "user", "change_user"),
        ("auth", "user", "delete_user"),
    ],
}
WORKFLOW = "Moderation"
TASK = "Moderator approval"



def group(apps, name, wagtail_name=None):
    Group = apps.get_model("auth", "Group")
    existing = Group.objects.filter(name=name).first()
    if existing:
        return existing
    starter = Group.objects.filter(name=wagtail_name).first() if wagtail_name else None
    if starter:
        starter.name = name
        starter.save()
        return starter
    return Group.objects.create(name=name)


def create_roles(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    groups = {
        "Editor": group(apps, "Editor", "Editors"),
        "Moderator": group(apps, "Moderator", "Moderators"),
        "Administrator": group(apps, "Administrator"),
    }
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name, grp in groups.items():
        grp.permissions.add(access_admin)
        for app_label, model, codename in OTHER[name]:
            grp.permissions.add(permission(apps, app_label, model, codename))
        for app_label, model in SNIPPETS:
            for action in SNIPPET_ACTIONS[name]:
                grp.permissions.add(permission(apps, app_label, model, f"{action}_{model}"))
        # Wagtail's starter "Editors" could delete images and documents; an Editor cannot.
        if name == "Editor":
            grp.permissions.remove(
                *(
                    permission(apps, app_label, model, f"delete_{model}")
                    for app_label, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]
                )
            )
        # Only the page permissions listed above, whatever the starter groups had.
        GroupPagePermission.objects.filter(group=grp).exclude(
            permission__codename__in=PAGE_PERMISSIONS[name]
        ).delete()
        if root is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=grp,
                    page=root,
                    permission=permission(apps, "wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for codename in MEDIA[name]:
                model = codename.split("_", 1)[1]
                app_label = "wagtailimages" if model == "image" else "wagtaildocs"
                GroupCollectionPermission.objects.get_or_create(
                    group=grp,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )

    # One moderation workflow for every page: Wagtail's starter one, renamed, or new.
    workflow = (
        Workflow.objects.filter(name=WORKFLOW).first()
        or Workflow.objects.filter(name="Moderators approval").first()
        or Workflow.objects.create(name=WORKFLOW)
    )
    workflow.name, workflow.active = WORKFLOW, True
    workflow.save()
    task = GroupApprovalTask.objects.filter(name__in=[TASK, "Moderators approval"]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK,
            content_type=ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        )
    task.name, task.active = TASK, True
    task.save()
    task.groups.set([groups["Moderator"], groups["Administrator"]])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("content", "0002_service_directory"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
