"""Each staff action declares its one name on one class; a name that does not resolve
(in access.CAPABILITIES, or as an audit action) stops the portal at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from forms.triage import access
from forms.triage.actions import registry
from forms.triage.actions.base import ActionRegistry, TriageAction
from forms.triage.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_registered_action_has_one_name_in_every_layer():
    registry.check()
    for action in registry:
        assert access.target_kind(action.action_name) == action.target
        assert action.audit_name() == action.action_name
        assert action.action_name in AuditEntry.Action.values


def make(name, target="report", audit=None):
    return type(
        "Made", (TriageAction,), {"action_name": name, "target": target, "audit_action": audit}
    )


@pytest.mark.parametrize(
    ("action", "complaint"),
    [
        (make("approve"), "access.CAPABILITIES has no row 'approve'"),
        (make("accept", target="report"), "is taken on a referral, not a report"),
        (make("claim", audit="claimed"), "AuditEntry.Action has no 'claimed'"),
        (make("Claim!"), "not a usable URL slug"),
    ],
)
def test_the_registry_refuses_a_name_it_cannot_resolve(action, complaint):
    refusing = ActionRegistry()
    refusing.register(action)
    with pytest.raises(ImproperlyConfigured, match=complaint):
        refusing.check()


def test_two_actions_cannot_share_a_name():
    twice = ActionRegistry()
    twice.register(make("claim"))
    with pytest.raises(ImproperlyConfigured):
        twice.register(make("claim"))


def test_who_holds_a_permission_is_one_answer_superusers_included(django_user_model, world):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    inactive = django_user_model.objects.create_user("gone", password="x" * 12, is_active=False)
    holders = set(access.users_holding(access.WORK))
    assert {world.officer, world.case_manager, world.admin, root} <= holders
    assert not {world.clinic_staff, world.editor, inactive} & holders
    # The same as asking each user.
    for user in django_user_model.objects.all():
        assert (user in holders) == (user.is_active and user.has_perm(access.WORK)), user
