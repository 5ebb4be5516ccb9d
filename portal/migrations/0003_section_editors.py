"""Section editor groups (see portal/sections.py for the decision and how pages made
after this migration get their permissions)."""

from django.db import migrations

from portal.roles import permission

from portal.sections import SECTIONS, grant_section

MEDIA = ["add_image", "change_image", "choose_image", "add_document", "change_document",
         "choose_document"]
# Directory editors keep the services their units offer up to date (drafts, moderated).
SNIPPETS = {"Directory editors": [("content", "service", ["view", "add", "change"])]}



def create_section_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()

    for name, labels in SECTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            permission(apps, "wagtailadmin", "admin", "access_admin"),
            permission(apps, "wagtail_localize", "translation", "submit_translation"),
        )
        for app_label, model, actions in SNIPPETS.get(name, []):
            group.permissions.add(
                *(permission(apps, app_label, model, f"{a}_{model}") for a in actions)
            )
        if root_collection is not None:
            for codename in MEDIA:
                model = codename.split("_", 1)[1]
                app_label = "wagtailimages" if model == "image" else "wagtaildocs"
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )
        # Make sure the page permissions exist before granting them.
        for codename in ("add_page", "change_page", "lock_page"):
            permission(apps, "wagtailcore", "page", codename)
        for label in labels:
            app_label, model_name = label.split(".")
            pages = Page.objects.filter(
                content_type__app_label=app_label, content_type__model=model_name.lower()
            )
            for page_id in pages.values_list("pk", flat=True):
                grant_section(apps, page_id, label)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_snippet_moderation"),
        ("content", "0004_moderated_snippets"),
    ]

    operations = [migrations.RunPython(create_section_groups, migrations.RunPython.noop)]
