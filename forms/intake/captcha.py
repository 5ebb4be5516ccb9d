"""Stage 3: reCAPTCHA (django-recaptcha), telling "the service said no" from
"the service did not answer".

The field's own cleaning is cheap and runs with the form: a POST without a token (a
bot that leaves it out, or a page whose captcha did not load) is refused there and
never reaches Google. ``verify`` then asks siteverify, after every cheap check has
passed. A captcha service that cannot be reached, times out or answers nonsense never
loses a report: it is stored with ``CaptchaState.UNVERIFIED`` ("not checked") for
triage to weigh. Only a definite "no" from the service rejects the form, keeping what
was typed.
"""

from __future__ import annotations

import http.client
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_recaptcha import client as recaptcha_client
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3

from forms.models import CaptchaState

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaptchaOutcome:
    state: str
    score: float | None = None


# Errors that mean "we could not ask", not "the answer is no": unreachable host,
# TLS or HTTP failure, timeout (all OSError), or a reply that is not the documented
# JSON object (ValueError, KeyError, TypeError, AttributeError).
_OUTAGE_ERRORS = (
    OSError,
    http.client.HTTPException,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
)
# Google's error codes that are the portal's fault, not the reporter's.
_OUR_FAULT = {"missing-input-secret", "invalid-input-secret", "bad-request"}


class NoInlineScript:
    """Widget templates without inline scripts, which the page's CSP forbids."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        return attrs


class CheckboxWidget(NoInlineScript, ReCaptchaV2Checkbox):
    template_name = "complaints/captcha/v2_checkbox.html"


class ScoreWidget(NoInlineScript, ReCaptchaV3):
    template_name = "complaints/captcha/v3.html"

    def value_from_datadict(self, data, files, name):
        # The token arrives under Google's field name, as with the checkbox.
        return data.get(self.recaptcha_response_name)


class OutageTolerantCaptchaField(ReCaptchaField):
    """django-recaptcha's field, asking siteverify the same way, but telling apart
    "the service said no" (a validation error) from "the service did not answer"
    (an UNVERIFIED outcome). Cleans to a ``CaptchaOutcome``.

    The reporter's address is deliberately not sent to Google (``remoteip`` empty).
    ``clean`` only checks that a token came (cheap); ``verify`` asks Google.
    """

    default_error_messages = {
        "captcha_invalid": _(
            "The check that you are not a robot did not pass. Please tick the box again "
            "and send; everything you wrote is still here."
        ),
        "captcha_missing": _(
            "Please tick the box “I'm not a robot” before sending. If the box does not "
            "appear, try another network or call SAPA 129; everything you wrote is still here."
        ),
    }

    def __init__(self, **kwargs):
        version = getattr(settings, "RECAPTCHA_VERSION", "v2")
        widget = ScoreWidget(action="complaint") if version == "v3" else CheckboxWidget()
        super().__init__(widget=widget, **kwargs)
        self.required = False
        self.skip_check = False

    def clean(self, value):
        """The posted token, if there is one (no request to Google here)."""
        if self.skip_check:
            return None
        token = (value if isinstance(value, str) else "").strip()
        if not token or len(token) > 4096:
            raise ValidationError(self.error_messages["captcha_missing"], code="captcha_missing")
        return token

    def verify(self, token: str) -> CaptchaOutcome:
        """Ask siteverify about ``token``: an outcome, or a ValidationError for a "no"."""
        try:
            answer = recaptcha_client.submit(
                recaptcha_response=token, private_key=self.private_key, remoteip=""
            )
            valid = answer.is_valid
            if not isinstance(valid, bool):
                raise TypeError("siteverify 'success' is not a boolean")
        except _OUTAGE_ERRORS as error:
            logger.warning(
                "reCAPTCHA siteverify unavailable (%s); the report is kept as not checked",
                type(error).__name__,
            )
            return CaptchaOutcome(CaptchaState.UNVERIFIED)
        if not valid:
            codes = set(answer.error_codes or [])
            if codes & _OUR_FAULT:
                logger.error("reCAPTCHA rejected the portal's own request: %s", sorted(codes))
                return CaptchaOutcome(CaptchaState.UNVERIFIED)
            raise ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")
        if isinstance(self.widget, ScoreWidget):
            score = answer.extra_data.get("score")
            if isinstance(score, bool) or not isinstance(score, int | float):
                logger.warning("reCAPTCHA v3 answer without a score; kept as not checked")
                return CaptchaOutcome(CaptchaState.UNVERIFIED)
            if answer.action != self.widget.action:
                raise ValidationError(
                    self.error_messages["captcha_invalid"], code="captcha_invalid"
                )
            if score < settings.RECAPTCHA_REQUIRED_SCORE:
                # Kept, not refused: a person on a strange network can score low too.
                return CaptchaOutcome(CaptchaState.LOW_SCORE, float(score))
            return CaptchaOutcome(CaptchaState.PASSED, float(score))
        return CaptchaOutcome(CaptchaState.PASSED)
