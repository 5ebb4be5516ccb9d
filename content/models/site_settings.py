from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    agency_name = models.CharField(
        _("agency name"), max_length=200, default="Dinas PPPA", blank=True
    )
    quick_exit_url = models.URLField(
        _("quick-exit destination"),
        default="https://www.bmkg.go.id/",
        help_text=_("A neutral site that replaces the portal when a reader presses Quick exit."),
    )

    class Meta:
        verbose_name = _("site settings")
