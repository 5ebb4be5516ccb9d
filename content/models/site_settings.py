from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    agency_name = models.CharField(
        _("agency name"), max_length=200, default="Dinas PPPA", blank=True
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("address"), blank=True)
    quick_exit_url = models.URLField(
        _("quick-exit destination"),
        default="https://www.bmkg.go.id/",
        help_text=_("A neutral site that replaces the portal when a reader presses Quick exit."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page, in the reader's language."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("agency_name"), FieldPanel("logo"), FieldPanel("address")],
            heading=_("Agency"),
        ),
        FieldPanel("quick_exit_url"),
        PageChooserPanel("privacy_page"),
    ]
    # Every public page shows the logo: one query for both (Wagtail reads this).
    select_related = ["logo"]

    class Meta:
        verbose_name = _("site settings")
