from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from content.models.moderation import ModeratedSnippet


class Hotline(TranslatableMixin, ModeratedSnippet):
    """A number people can call or message for help; national ones show on every page."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency / city")

    name = models.CharField(_("name"), max_length=120)
    number = models.CharField(_("phone number"), max_length=32, blank=True)
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=32,
        blank=True,
        help_text=_("International form without +, e.g. 628111129129."),
    )
    hours = models.CharField(_("hours"), max_length=120, blank=True)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    region = models.ForeignKey(
        "content.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_emergency = models.BooleanField(_("emergency number"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("number"),
        FieldPanel("whatsapp"),
        FieldPanel("hours"),
        FieldPanel("scope"),
        FieldPanel("region"),
        FieldPanel("is_emergency"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")

    def __str__(self):
        return self.name

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.number if ch.isdigit() or ch == "+")

    @property
    def whatsapp_href(self) -> str:
        return f"https://wa.me/{self.whatsapp}" if self.whatsapp else ""
