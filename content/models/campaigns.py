from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content.blocks import BodyBlock
from content.models.base import ChildRouteMixin, ListingMixin, public_q, region_field


class Audience(models.TextChoices):
    PARENTS = "parents", _("Parents")
    CHILDREN = "children", _("Children")
    SCHOOLS = "schools", _("Schools")
    NEIGHBOURHOODS = "rt_rw", _("Neighbourhoods (RT/RW)")
    RELIGIOUS_GATHERINGS = "religious", _("Religious gatherings")


class CampaignPageForm(WagtailAdminPageForm):
    # A list of fixed choices, kept in a JSON column: the same on SQLite and PostgreSQL,
    # and synchronised (not translated) across a campaign's translations.
    audiences = forms.MultipleChoiceField(
        label=_("audience"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CampaignIndexPage(ChildRouteMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["content.CampaignPage"]
    max_count_per_parent = 1
    page_size = 12
    cache_query_params = ("page",)

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = (
            CampaignPage.for_listing(CampaignPage.objects.child_of(self).live().filter(public_q()))
            .select_related("listing_image")
            .prefetch_related("listing_image__renditions")
            .order_by("-start_date", "-pk")
        )
        context["campaigns"] = Paginator(campaigns, self.page_size).get_page(
            request.GET.get("page")
        )
        return context


class CampaignPage(ListingMixin, Page):
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty: ongoing."))
    audiences = models.JSONField(_("audience"), default=list, blank=True)
    region = region_field()
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    base_form_class = CampaignPageForm
    content_panels = Page.content_panels + [
        *ListingMixin.listing_panels,
        MultiFieldPanel(
            [FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Campaign period")
        ),
        FieldPanel("audiences"),
        FieldPanel("region"),
        FieldPanel("body"),
    ]
    parent_page_types = ["content.CampaignIndexPage"]
    subpage_types = []
    listing_fields = ("summary", "listing_image", "start_date", "end_date")

    class Meta:
        verbose_name = _("campaign")

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The campaign cannot end before it starts.")})

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[value] for value in self.audiences if value in labels]

    @classmethod
    def current(cls, locale, today=None):
        """Live campaigns of this locale (a Locale or its id) that are running today."""
        today = today or timezone.localdate()
        return (
            cls.objects.live()
            .filter(public_q(), locale=locale, start_date__lte=today)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .defer_streamfields()
            .order_by("-start_date", "-pk")
        )
