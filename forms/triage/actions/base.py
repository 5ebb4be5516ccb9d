"""What every staff action shares: one class declares it, one registry lists it.

An action is a subclass of Wagtail's ``BaseAction`` (as ``wagtail/actions/unpublish.py``
is) that declares, once:

- ``action_name``: the action's one name, in every layer: the slug in its URL, the
  row of ``forms.triage.access.CAPABILITIES`` that says who may take it, and (unless
  ``audit_action`` says otherwise) the ``AuditEntry.Action`` it writes;
- ``target``: what it is taken on ("report", "referral" or "profile");
- ``success_message``: what the page says after it;
- ``fields`` (or, when a value needs looking up, ``params(data, instance)``): the
  keyword arguments a POST gives ``perform``.

``execute()`` then always takes the same trip: ``access.can`` (the one gate),
the work inside one transaction (states through forms/triage/workflow.py), and the
audit entry. ``registry.check()`` runs at start-up (forms/triage/apps.py) and refuses
an action whose name, target or audit entry does not resolve.

A refusal raises ``PermissionDenied`` (may not) or a ``TriageError`` (may, but not
now: already claimed, an illegal change, a missing reason).
"""

from __future__ import annotations

import re

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.base import BaseAction

from forms.models import Report
from forms.statistics.release import changed as statistics_changed
from forms.triage import access, workflow
from forms.triage.models import AuditEntry, Case


class TriageError(Exception):
    """An action the user may take in general but not on this target now."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


class AlreadyClaimed(TriageError):
    def __init__(self):
        super().__init__(_("Someone else has already claimed this report."))


class TriageAction(BaseAction):
    action_name: str = ""
    target: str = "report"
    audit_action: str | None = None
    success_message = ""
    fields: tuple[str, ...] = ()

    def __init__(self, instance, user):
        super().__init__(instance, user=user)

    @classmethod
    def audit_name(cls) -> str:
        return cls.audit_action or cls.action_name

    @classmethod
    def params(cls, data, instance) -> dict:
        """The keyword arguments of ``perform`` from a POST: its ``fields``, stripped."""
        return {name: text(data, name) for name in cls.fields}

    @classmethod
    def run(cls, user, instance, *args, **kwargs):
        """Take the action as ``user`` (what views, tests and commands call)."""
        return cls(instance, user).execute(*args, **kwargs)

    def user_has_permission(self) -> bool:
        return access.can(self.user, self.action_name, self.instance)

    def check(self, skip_permission_checks=False):
        # Never skipped, and never without a user: every action has someone to audit.
        if self.user is None or not self.user_has_permission():
            raise PermissionDenied(f"{self.user} may not {self.action_name} {self.instance!r}")

    def execute(self, *args, **kwargs):
        self.check()
        with transaction.atomic():
            return self.perform(*args, **kwargs)

    def perform(self, *args, **kwargs):
        raise NotImplementedError

    def message(self, result) -> str:
        """What the page says after the action (given what ``perform`` returned)."""
        return self.success_message

    @property
    def report(self):
        return self.instance.report if self.target == "referral" else self.instance

    def audit(self, detail: str = "", action: str | None = None) -> AuditEntry:
        action = action or self.audit_name()
        if self.target == "referral":
            return AuditEntry.record_for_referral(self.user, action, self.instance, detail)
        report = self.instance if self.target == "report" else None
        return AuditEntry.record(self.user, action, report, detail)


class ActionRegistry:
    """The staff actions by target and name; ``check()`` refuses what cannot resolve."""

    SLUG = re.compile(r"^[a-z][a-z_]*$")

    def __init__(self):
        self._actions: dict[tuple[str, str], type[TriageAction]] = {}

    def register(self, action_class: type[TriageAction]) -> type[TriageAction]:
        key = (action_class.target, action_class.action_name)
        if key in self._actions:
            raise ImproperlyConfigured(f"Two triage actions are named {key[1]!r}.")
        self._actions[key] = action_class
        return action_class

    def get(self, target: str, name: str) -> type[TriageAction] | None:
        return self._actions.get((target, name))

    def __iter__(self):
        return iter(self._actions.values())

    def check(self) -> None:
        audit_names = set(AuditEntry.Action.values)
        for (target, name), action_class in self._actions.items():
            where = f"{action_class.__module__}.{action_class.__qualname__}"
            if not self.SLUG.match(name):
                raise ImproperlyConfigured(f"{where}: {name!r} is not a usable URL slug.")
            try:
                kind = access.target_kind(name)
            except access.UnknownAction as error:
                raise ImproperlyConfigured(
                    f"{where}: access.CAPABILITIES has no row {name!r}."
                ) from error
            if kind != target:
                raise ImproperlyConfigured(
                    f"{where}: access says {name!r} is taken on a {kind}, not a {target}."
                )
            if action_class.audit_name() not in audit_names:
                raise ImproperlyConfigured(
                    f"{where}: AuditEntry.Action has no {action_class.audit_name()!r}."
                )


registry = ActionRegistry()


def require(user, action: str, target) -> None:
    if not access.can(user, action, target):
        raise PermissionDenied(f"{user} may not {action} {target!r}")


def ensure_case(report) -> Case:
    """The report's case row (made with the report; made here for older reports)."""
    case, _created = Case.objects.get_or_create(report=report, defaults=Case.defaults_for(report))
    return case


def move(report, target: str, now=None) -> str:
    """Change the status along the workflow; the caller holds the transaction."""
    now = now or timezone.now()
    current = Report.objects.select_for_update().values_list("status", flat=True).get(pk=report.pk)
    workflow.check_transition(current, target)
    Report.objects.filter(pk=report.pk).update(status=target, updated_at=now)
    # What the public statistics count: verified, until marked invalid.
    counted = {}
    if target == workflow.VERIFIED:
        counted["verified_at"] = now
    elif target == workflow.INVALID:
        counted["verified_at"] = None
    Case.objects.filter(report=report).update(
        status_since=now,
        due_at=workflow.due_at(target, report.immediate_danger, now),
        closed_at=now if target == workflow.CLOSED else None,
        is_open=target in workflow.OPEN_STATUSES,
        **counted,
    )
    report.status = target
    statistics_changed()
    return current


def forget_case(report) -> None:
    # The cached case row is stale after a conditional UPDATE.
    report._state.fields_cache.pop("case", None)


def text(data, name: str) -> str:
    return (data.get(name) or "").strip()
