"""Enrolment of an authenticator app and the code prompt after the password login.

Both live under /admin/2fa/ (see portal/wagtail_hooks.py), so Wagtail's
``require_admin_access`` already ensures a signed-in staff user.
"""

import django_otp
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security.forms import TokenForm
from portal.security.two_factor import (
    PENDING_DEVICE_KEY,
    has_device,
    is_verified,
    pending_device,
    qr_code_svg,
    safe_next,
    secret_for_display,
)

WRONG_CODE = gettext_lazy(
    "That code did not work. Check your phone's clock and try the newest code."
)


@never_cache
@sensitive_post_parameters("token")
def verify(request):
    """Ask for the current code of an enrolled device; on success mark the session."""
    user = request.user
    if not has_device(user):
        return redirect("two_factor:enrol")
    if is_verified(user):
        return redirect(safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                django_otp.login(request, device)
                return redirect(safe_next(request))
        form.add_error("token", WRONG_CODE)
    return TemplateResponse(
        request,
        "portal/security/verify.html",
        {"form": form, "next": safe_next(request)},
    )


@never_cache
@sensitive_post_parameters("token")
def enrol(request):
    """Show a new secret as a QR code and confirm it with a code from the app.

    A user who already has a device must pass it first: otherwise a stolen password
    would be enough to swap the victim's authenticator for the attacker's.
    """
    user = request.user
    enrolled = has_device(user)
    if enrolled and not is_verified(user):
        return redirect("two_factor:verify")
    if enrolled and request.method == "GET" and "replace" not in request.GET:
        device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        return TemplateResponse(request, "portal/security/status.html", {"device": device})

    device = pending_device(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(PENDING_DEVICE_KEY, None)
            # The new app replaces any older one: one phone per account to keep track of.
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            django_otp.login(request, device)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return redirect(safe_next(request))
        form.add_error("token", WRONG_CODE)
    return TemplateResponse(
        request,
        "portal/security/enrol.html",
        {
            "form": form,
            "qr_code": qr_code_svg(device),
            "secret": secret_for_display(device),
            "replacing": enrolled,
            "next": safe_next(request),
        },
    )
