"""Translations go through the same moderation as any edit.

A translation made by someone who may not publish (an Editor) is a draft: wagtail-localize
saves it as a new revision (portal/translations.py) and it reaches readers only when a
moderator approves it in the page's or snippet's workflow ("Moderation",
portal/migrations/0001 and 0002), exactly as an edit in Wagtail's own editor does.
wagtail-localize's editor has no "Submit for moderation" of its own; the portal adds it
(``submit``, and the bar in templates/wagtail_localize/admin/edit_translation.html), and
takes the publishing shortcuts of wagtail-localize away from those who may not publish
(portal/translation_views.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy


def can_publish(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return ModelPermissionPolicy(type(instance)).user_has_permission(user, "publish")


def can_edit(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return ModelPermissionPolicy(type(instance)).user_has_permission(user, "change")


def can_submit(user, instance) -> bool:
    """Whether ``user`` may send this translated page or snippet to moderation now."""
    if not can_edit(user, instance) or not instance.has_workflow:
        return False
    if instance.workflow_in_progress:
        return False  # already waiting for a moderator
    locked = getattr(instance, "locked", False) and instance.locked_by_id != user.pk
    return not locked


@dataclass
class ModerationState:
    """What the translation editor's moderation bar shows one user."""

    in_moderation: bool
    needs_changes: bool
    task_name: str
    can_submit: bool
    # (action, label) a moderator of the current task may take: approve, reject.
    actions: list[tuple[str, str]]


def available_actions(instance, user) -> list[tuple[str, str]]:
    """The current task's actions ``user`` may take on ``instance``, one per name."""
    task_state = instance.current_workflow_task_state
    if task_state is None:
        return []
    found = {}
    for name, label, _needs_form in task_state.task.specific.get_actions(instance, user):
        found.setdefault(name, label)
    return list(found.items())


def moderation_state(instance, user) -> ModerationState:
    state = instance.current_workflow_state
    in_moderation = bool(state and state.status == WorkflowState.STATUS_IN_PROGRESS)
    task_state = instance.current_workflow_task_state if in_moderation else None
    actions = available_actions(instance, user) if in_moderation else []
    return ModerationState(
        in_moderation=in_moderation,
        needs_changes=bool(state and state.status == WorkflowState.STATUS_NEEDS_CHANGES),
        task_name=task_state.task.name if task_state else "",
        can_submit=can_submit(user, instance),
        actions=actions,
    )


def submit(translation, user):
    """Save the translation as a draft and send it to its workflow's first task.

    Starts the workflow (the moderators of its first task are notified by Wagtail's
    workflow emails), or resumes one that a moderator sent back for changes. Returns
    the translated instance. The caller checks ``can_submit`` first.
    """
    # A draft either way: a new revision of a published target (portal.translations).
    translation.save_target(user=user, publish=False)
    instance = translation.get_target_instance()
    state = instance.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        instance.get_workflow().start(instance, user)
    return instance


def act(instance, user, action: str, comment: str = "") -> None:
    """A moderator's decision on the current task: "approve" (which publishes when it is
    the last task) or "reject" (sends it back to the editor), through Wagtail's task."""
    if action not in dict(available_actions(instance, user)):
        raise PermissionDenied
    task_state = instance.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
