"""Password rules beyond Django's: the guesses an attacker tries first on this portal."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words an attacker aiming at this portal tries first, whatever is appended to them.
SITE_WORDS = ("satulayanan", "satu layanan", "sapa129", "wagtail", "password", "katasandi")
MIN_DISTINCT_CHARACTERS = 6


class SiteWordsValidator:
    """Refuses passwords built on the portal's own name or the usual suspects."""

    def validate(self, password, user=None):
        lowered = password.lower()
        if any(word in lowered for word in SITE_WORDS):
            raise ValidationError(
                _("Your password must not contain the name of this portal or the word password."),
                code="password_site_word",
            )

    def get_help_text(self):
        return _("Your password must not contain the name of this portal or the word password.")


class VarietyValidator:
    """Refuses long but trivial passwords such as "aaaaaaaaaaaa" or "abababababab"."""

    def validate(self, password, user=None):
        if len(set(password)) < MIN_DISTINCT_CHARACTERS:
            raise ValidationError(
                _("Your password must use at least %(count)d different characters."),
                code="password_too_repetitive",
                params={"count": MIN_DISTINCT_CHARACTERS},
            )

    def get_help_text(self):
        return _("Your password must use at least %(count)d different characters.") % {
            "count": MIN_DISTINCT_CHARACTERS
        }
