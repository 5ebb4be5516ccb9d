from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def test_the_printed_code_signs_the_demo_admin_in(client, make_staff):
    admin = make_staff("admin", superuser=True)
    client.force_login(admin)
    client.get("/admin/2fa/")  # the setup page the first sign-in opens
    out = StringIO()
    call_command("totp_code", "admin", stdout=out)
    response = client.post("/admin/2fa/", {"token": out.getvalue().strip()})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert client.get("/admin/").status_code == 200


def test_without_a_device_it_explains_what_to_do(make_staff):
    make_staff("admin", superuser=True)
    with pytest.raises(CommandError, match="sign in to /admin/ first"):
        call_command("totp_code", "admin")
