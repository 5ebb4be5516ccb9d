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
