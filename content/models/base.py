"""Shared structure of the public page types."""

from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import PageViewRestriction


def public_q():
    """Pages outside every section with a view restriction (password, login, groups).

    The same as Wagtail's ``PageQuerySet.public()``, as one SQL condition: ``public()``
    first loads every restriction in a query of its own, and the home page lists three
    kinds of page, which would make its query count grow with each list.
    """
    listed_path = ExpressionWrapper(OuterRef("path"), output_field=models.CharField())
    restricted = PageViewRestriction.objects.filter(StartsWith(listed_path, F("page__path")))
    return ~Exists(restricted)


class ListingMixin(models.Model):
    """A summary and an optional picture for lists, cards and Open Graph previews.

    The listing image is decorative on cards (the title next to it says what the card
    is), so it carries no alt text of its own; images inside a body need one.
    """

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in lists and link previews."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    listing_panels = [FieldPanel("summary"), FieldPanel("listing_image")]

    class Meta:
        abstract = True

    @property
    def og_description(self) -> str:
        return self.search_description or self.summary

    @property
    def og_image(self):
        return self.listing_image


def region_field(**kwargs):
    """A foreign key to a province or a regency/city.

    The choice list stops at regency level (about 550 entries) so that the editor's
    form stays small: the village level has about 83,000 rows.
    """
    return models.ForeignKey(
        "content.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__lte": 2},
        help_text=_("Leave empty for national content."),
        **kwargs,
    )
