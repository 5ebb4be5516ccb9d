"""Print the current two-factor code of a staff account: development and demo only.

The demo admin is a superuser, so the admin asks it for a second factor. Reviewers
without an authenticator app at hand run this instead of scanning the QR code.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a user's authenticator (not in production)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.PRODUCTION:
            raise CommandError("totp_code is for development and the demo, never production.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        # The confirmed device, or the one being enrolled on the setup page right now.
        device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
        if device is None:
            raise CommandError(
                f"{username} has no authenticator yet: sign in to /admin/ first, which opens "
                "the setup page, then run this again."
            )
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
