import pytest
from django.contrib.auth.models import Group, Permission


@pytest.fixture
def make_staff(db, django_user_model):
    """A staff user with admin access, in the given groups (created as needed)."""

    def make(username="staff", groups=(), superuser=False, password="correct horse battery"):
        user = django_user_model.objects.create_user(
            username=username, password=password, is_superuser=superuser
        )
        access = Permission.objects.get(codename="access_admin")
        for name in groups:
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(access)
            user.groups.add(group)
        return user

    return make


@pytest.fixture
def editor(make_staff):
    """A member of the Editor group: edits and submits for moderation, never publishes."""
    return make_staff("editor", groups=["Editor"])


@pytest.fixture
def moderator(make_staff):
    """A member of the Moderator group, with an address for Wagtail's workflow emails."""
    user = make_staff("moderator", groups=["Moderator"])
    user.email = "moderator@example.org"
    user.save()
    return user
