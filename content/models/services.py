from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from content.models.moderation import ModeratedSnippet


class Service(TranslatableMixin, index.Indexed, ModeratedSnippet):
    """Something a service unit offers a victim: medical accompaniment, a safe house...

    ``code`` is the same in every locale, so code elsewhere (triage referrals, the
    directory filter, open data) can name a service ("medical", "legal") without
    caring which translation a unit happens to point at.
    """

    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("A stable short name used in links and by other parts of the portal."),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        SynchronizedField("code"),
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="service_code_unique_per_locale"
            )
        ]

    def __str__(self):
        return self.name
