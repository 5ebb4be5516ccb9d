"""`make demo`: migrate, load the demo content, print an admin login, serve.

Each run gives the admin account a new random password and prints it, so running the
command twice never leaves the reader without a working login.
"""

import secrets
import socket

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

import forms.triage.demo

ADMIN_USERNAME = "admin"


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class Command(BaseCommand):
    help = "Set up and serve the demo portal on the embedded default."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Set everything up, then exit.")

    def handle(self, *args, host, port, no_serve, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "demo loads demo content and prints an admin password: never in production."
            )
        if not no_serve and not port_is_free(host, port):
            raise CommandError(
                f"Port {port} on {host} is already in use (is the demo already running?). "
                f"Stop that process, or choose another port: make demo PORT=8001"
            )
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", verbosity=options["verbosity"])
        password = self.reset_admin()
        staff = "".join(
            f"  Login:  {username} / {staff_password}  ({role})\n"
            for username, staff_password, role in forms.triage.demo.reset_logins()
        )
        self.stdout.write(
            self.style.SUCCESS(
                "\nSatu Layanan demo\n"
                f"  Portal: http://{host}:{port}/\n"
                f"  Admin:  http://{host}:{port}/admin/\n"
                f"  Login:  {ADMIN_USERNAME} / {password}\n"
                f"{staff}"
                "  Two-factor: the first sign-in opens the setup page; scan its QR code with an\n"
                "  authenticator app, or print the current code with\n"
                f"  .venv/bin/python manage.py totp_code {ADMIN_USERNAME}\n"
                "  The referral loop's reporter follows it at "
                f"http://{host}:{port}/id/lapor/status/\n"
                f"  with the receipt code {forms.triage.demo.loop_code()}\n"
            )
        )
        if not no_serve:
            call_command("runserver", f"{host}:{port}", use_reloader=False)

    def reset_admin(self) -> str:
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=ADMIN_USERNAME, defaults={"email": "admin@example.org"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        return password
