from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content.blocks import BodyBlock
from content.models.base import ChildRouteMixin, ListingMixin, public_q, region_field


class EventIndexPage(ChildRouteMixin, Page):
    """Upcoming events first; past events on request (``?past=1``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["content.EventPage"]
    max_count_per_parent = 1
    page_size = 20
    cache_query_params = ("page", "past")

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        past = request.GET.get("past") == "1"
        now = timezone.now()
        events = EventPage.for_listing(EventPage.objects.child_of(self).live().filter(public_q()))
        if past:
            events = events.filter(start__lt=now).order_by("-start", "-pk")
        else:
            events = EventPage.upcoming_filter(events, now).order_by("start", "pk")
        context["events"] = Paginator(events, self.page_size).get_page(request.GET.get("page"))
        context["past"] = past
        return context


class EventPage(RoutablePageMixin, ListingMixin, Page):
    class Kind(models.TextChoices):
        OUTREACH = "outreach", _("Outreach session (sosialisasi)")
        COORDINATION = "coordination", _("Coordination meeting")
        MOBILE_UNIT = "mobile_unit", _("Mobile unit visit")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    region = region_field()
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("address"), FieldPanel("region")], heading=_("Where")
        ),
        *ListingMixin.listing_panels,
        FieldPanel("body"),
    ]
    parent_page_types = ["content.EventIndexPage"]
    subpage_types = []
    listing_fields = ("start", "end", "place")

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @property
    def ends_on_its_first_day(self) -> bool:
        """Whether the event ends on the local day it starts (only the end's time is shown)."""
        return bool(self.end) and (
            timezone.localtime(self.end).date() == timezone.localtime(self.start).date()
        )

    @staticmethod
    def upcoming_filter(queryset, now):
        """Events that have not finished yet (an event without an end lasts its day)."""
        today_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return queryset.filter(
            models.Q(end__gte=now) | models.Q(end__isnull=True, start__gte=today_start)
        )

    @classmethod
    def upcoming(cls, locale):
        return (
            cls.upcoming_filter(
                cls.objects.live().filter(public_q(), locale=locale), timezone.now()
            )
            .defer_streamfields()
            .order_by("start", "pk")
        )

    @path("ics/", name="ics")
    def ics(self, request):
        from content.calendar import event_calendar

        response = HttpResponse(event_calendar(self, request), content_type="text/calendar")
        response["Content-Type"] = "text/calendar; charset=utf-8"
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response
