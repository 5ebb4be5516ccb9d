"""Hotlines and services go through the same moderation as pages (content.models.moderation).

- Editor: may add and change hotlines and services, which saves a draft and submits it
  to moderation; never publishes them, never deletes them.
- Moderator and Administrator: also publish (approve), lock/unlock and delete them.
- The "Moderation" workflow (0001) is assigned to both content types, so a change
  waits in the moderators' dashboard like a page does.
"""

from django.db import migrations

from portal.roles import permission

SNIPPETS = [("content", "hotline"), ("content", "service")]
ACTIONS = {
    "Editor": ["view", "add", "change"],
    "Moderator": ["view", "add", "change", "delete", "publish", "lock", "unlock"],
    "Administrator": ["view", "add", "change", "delete", "publish", "lock", "unlock"],
}
WORKFLOW = "Moderation"



def moderate_snippets(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    for name, actions in ACTIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        wanted = {
            permission(apps, app_label, model, f"{action}_{model}")
            for app_label, model in SNIPPETS
            for action in actions
        }
        snippet_types = [
            ContentType.objects.get_or_create(app_label=a, model=m)[0] for a, m in SNIPPETS
        ]
        # Exactly these: an Editor who somehow had delete loses it.
        stale = group.permissions.filter(content_type__in=snippet_types).exclude(
            pk__in=[p.pk for p in wanted]
        )
        group.permissions.remove(*stale)
        group.permissions.add(*wanted)

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        for app_label, model in SNIPPETS:
            content_type = ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
            WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_editorial_roles"),
        ("content", "0004_moderated_snippets"),
    ]

    operations = [migrations.RunPython(moderate_snippets, migrations.RunPython.noop)]
