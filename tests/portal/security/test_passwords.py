"""The password rules a staff member meets when an administrator sets their password."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "short1!A",  # under 12 characters
        "123456789012345",  # digits only
        "passwordpassword",  # common
        "SatuLayanan2026!",  # the portal's own name
        "sapa129sapa129x",  # the hotline
        "abababababab1",  # long but only three characters
        "siti.rahayu.1990",  # the user's own name
    ],
)
def test_weak_passwords_are_refused(password):
    user = get_user_model()(username="siti.rahayu", first_name="Siti", last_name="Rahayu")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_varied_passphrase_is_accepted():
    user = get_user_model()(username="siti.rahayu")
    validate_password("kopi tubruk di pagi hari", user)


def new_staff_account(client, password):
    return client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "first_name": "New",
            "last_name": "Comer",
            "password1": password,
            "password2": password,
            "is_active": "on",
        },
    )


def test_the_admin_refuses_a_weak_password_for_a_new_staff_account(client, make_staff):
    sign_in_verified(client, make_staff("chief", superuser=True))
    response = new_staff_account(client, "SatuLayanan2026!")
    assert response.status_code == 200
    assert response.context["form"].has_error("password2", code="password_site_word")
    assert not get_user_model().objects.filter(username="newcomer").exists()

    response = new_staff_account(client, "kopi tubruk di pagi hari")
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="newcomer").exists()
