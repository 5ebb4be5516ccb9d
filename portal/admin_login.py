"""The admin's sign-in form, with labels that can be translated.

Wagtail's LoginForm declares its password field without a label, so Django shows the
field's name, "Password", in every language (WAGTAILADMIN_USER_LOGIN_FORM).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
        strip=False,
    )
