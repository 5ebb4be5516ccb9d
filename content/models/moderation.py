"""Moderated snippets: what readers see of a snippet waits for a moderator, like a page.

Hotlines and services show on every public page (the hotline bar, the directory, the
open-data export), so a wrong number is as harmful as a wrong page. They use Wagtail's
snippet workflow support: an editor's change is saved as a revision (a draft) and
submitted to the "Moderation" workflow (assigned to these content types by
portal/migrations/0002_snippet_moderation.py); the database row, which public pages
read, changes only when a moderator approves and the revision is published.

A snippet that was never published (``live=False``) has a row too: public queries use
``.live()``.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin


class ModeratedQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class ModeratedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    # Deleting a snippet deletes its revisions and workflow states with it.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions
