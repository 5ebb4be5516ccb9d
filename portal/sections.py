"""Section editors: groups whose page permissions sit on one section of the site.

Decision (groups and permissions per section of the site):

- "Editor" and "Moderator" stay as they are: permissions on the root page, so they
  cover the whole site (portal/migrations/0001_editorial_roles.py).
- Besides them, one group per section: "Campaign editors" (the campaign index),
  "News editors" (the article index and the event index) and "Directory editors" (the
  service directory, and the services its units offer). Their page permissions are
  those of an Editor (add, change, lock; no publish, no delete: everything they do
  goes through the Moderation workflow) but sit on the section's index page, so they
  reach that section and nothing else. An agency gives a staff member one of them
  instead of "Editor" when they should only touch their own section.
- The groups are made by a migration (portal/migrations/0003_section_editors.py). A
  migration can only grant permissions on the section pages that exist when it runs;
  a section page made later (a new site, the English translation of a section, the
  demo) gets them when it is created, from the ``post_save`` receiver below. If an
  administrator deletes a section group, it is not made again.

The same function serves the migration (historical models through its ``apps``) and
the running site (``django.apps.apps``).
"""

from __future__ import annotations

# group name -> the page types that are its sections
SECTIONS = {
    "Campaign editors": ["content.CampaignIndexPage"],
    "News editors": ["content.ArticleIndexPage", "content.EventIndexPage"],
    "Directory editors": ["content.ServiceDirectoryPage"],
}
PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]


def section_groups_for(model_label: str) -> list[str]:
    return [name for name, labels in SECTIONS.items() if model_label in labels]


def grant_section(apps, page_id: int, model_label: str) -> None:
    """Give the section groups of ``model_label`` their page permissions on the page."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        content_type__model="page",
        codename__in=PAGE_PERMISSIONS,
    )
    for group in Group.objects.filter(name__in=section_groups_for(model_label)):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission=permission
            )


def grant_new_section_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from django.apps import apps

        grant_section(apps, instance.pk, sender._meta.label)


def connect() -> None:
    from django.apps import apps
    from django.db.models.signals import post_save

    for labels in SECTIONS.values():
        for label in labels:
            post_save.connect(
                grant_new_section_page,
                sender=apps.get_model(label),
                dispatch_uid=f"portal.sections:{label}",
            )
