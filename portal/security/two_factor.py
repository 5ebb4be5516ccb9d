"""Who needs a second factor, and where to send them to give it.

Other parts of the portal (the triage queue) gate their views with
:func:`requires_two_factor` and ``request.user.is_verified()`` and send unverified
staff to :func:`verification_url`; :class:`portal.security.middleware.TwoFactorMiddleware`
applies the same rule to the whole admin.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice


def requires_two_factor(user) -> bool:
    """Whether ``user`` must pass a second factor before using the admin.

    Superusers count: they can open every triage page, so a stolen password must not
    be enough for them either. Members of any group in STAFF_GROUPS_REQUIRING_2FA
    count. Anyone who has enrolled a device counts too: an enrolled factor that a
    password alone could skip would protect nothing.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if user.groups.filter(name__in=settings.STAFF_GROUPS_REQUIRING_2FA).exists():
        return True
    return has_device(user)


def has_device(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_verified(user) -> bool:
    """True once this session has passed the second factor (django-otp's flag)."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def safe_next(request, default: str | None = None) -> str:
    """The ``next`` parameter if it stays on this site, else the admin home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


def verification_url(request, next_url: str | None = None) -> str:
    """Where to send ``request.user`` to pass the second factor, then come back.

    Staff without a device go to enrolment (which verifies them as it confirms the
    device); staff with one go to the code prompt.
    """
    name = "two_factor:verify" if has_device(request.user) else "two_factor:enrol"
    next_url = next_url or request.get_full_path()
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


PENDING_DEVICE_KEY = "portal_pending_totp_device"


def pending_device(request) -> TOTPDevice:
    """The unconfirmed device this session is enrolling, with a secret of its own.

    The same one on a reload (the QR code does not change under the user's phone), but
    never another session's: someone who knows the password must not be able to read
    the secret the real user is about to confirm. Starting an enrolment removes the
    user's other unconfirmed devices, so no stale secret is left to be confirmed.
    """
    user = request.user
    pk = request.session.get(PENDING_DEVICE_KEY)
    device = TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first() if pk else None
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        request.session[PENDING_DEVICE_KEY] = device.pk
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code, drawn on the server.

    Drawing it here keeps the secret off any third-party QR service.
    """
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")
