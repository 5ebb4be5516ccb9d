"""The service directory: an index page and one page per service unit."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from content.models.base import ChildRouteMixin


class UnitKind(models.TextChoices):
    """The kinds of unit that take part in handling violence against women and children."""

    UPTD_PPA = "uptd-ppa", _("UPTD PPA (regional technical service unit)")
    P2TP2A = "p2tp2a", _("P2TP2A (integrated service centre)")
    PPT = "ppt", _("PPT (integrated service post in a kelurahan)")
    PUSKESMAS = "puskesmas", _("Puskesmas (community health centre)")
    HOSPITAL = "hospital", _("Hospital")
    POLICE_PPA = "police-ppa", _("Police PPA unit")
    LEGAL_AID = "legal-aid", _("Legal aid (LBH)")
    SAFE_HOUSE = "safe-house", _("Safe house")
    MOBILE_UNIT = "mobile-unit", _("Mobile unit (Molin PPA)")
    VOLUNTEERS = "volunteers", _("Volunteers and task force (relawan SAPA, Satgas)")
    RELIGIOUS_OFFICE = "religious-office", _("Religious affairs office (KUA)")


class Weekday(models.IntegerChoices):
    # Python's date.weekday() numbering, so "today" needs no translation table.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ServiceDirectoryPage(ChildRouteMixin, Page):
    """Lists the service units below it, with filters (see content.directory.filters)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = 20
    # Region, service, kind and page are cached for readers; "open now", a location
    # ("near") and typed text ("q") are not: the location and the words must never land
    # in a cache, and "open now" changes with the clock.
    cache_query_params = ("province", "regency", "district", "service", "kind", "page")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ServiceUnitPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service directory")

    def get_context(self, request, *args, **kwargs):
        from content.directory.listing import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(self, request))
        return context


class ServiceUnitPageForm(WagtailAdminPageForm):
    """Offers only the services of the page's own language (one list, no duplicates)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from content.models.services import Service

        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id and "services" in self.fields:
            self.fields["services"].queryset = Service.objects.filter(locale_id=locale_id)


class ServiceUnitPage(Page):
    """One place or team that helps: its services, where it is, how and when to reach it."""

    kind = models.CharField(_("kind of unit"), max_length=20, choices=UnitKind.choices)
    summary = models.TextField(_("summary"), blank=True, max_length=400)
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    services = ParentalManyToManyField(
        "content.Service", verbose_name=_("services"), blank=True, related_name="units"
    )
    region = models.ForeignKey(
        "content.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="service_units",
        help_text=_("The village, district or regency/city where the unit is."),
    )
    address = models.TextField(_("address"), blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=32,
        blank=True,
        help_text=_("International form without +, e.g. 6281234567890."),
    )
    email = models.EmailField(_("email address"), blank=True)
    open_24_hours = models.BooleanField(_("open 24 hours"), default=False)
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("For example: Bahasa Indonesia, Jawa, Madura."),
    )
    accessibility = models.TextField(_("accessibility notes"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("whatsapp"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("open_24_hours"), InlinePanel("opening_hours", label=_("Opening hours"))],
            heading=_("Opening hours"),
        ),
        FieldPanel("free_of_charge"),
        FieldPanel("languages"),
        FieldPanel("accessibility"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("address"),
        index.AutocompleteField("address"),
        index.FilterField("kind"),
        index.FilterField("region"),
        index.FilterField("open_24_hours"),
        index.RelatedFields("region", [index.SearchField("name")]),
        index.RelatedFields("services", [index.SearchField("name")]),
    ]
    # wagtail-localize would offer phone numbers for translation; they are the same
    # in every language, so they follow the source page. It does not copy
    # many-to-many fields on sync: the directory matches services by their code, so a
    # translation that lags behind still lists and filters correctly.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("show_in_menus"),
        SynchronizedField("kind"),
        TranslatableField("summary"),
        TranslatableField("description"),
        SynchronizedField("region"),
        TranslatableField("address"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("phone"),
        SynchronizedField("whatsapp"),
        SynchronizedField("email"),
        SynchronizedField("open_24_hours"),
        SynchronizedField("free_of_charge"),
        TranslatableField("languages"),
        TranslatableField("accessibility"),
        SynchronizedField("opening_hours"),
    ]
    base_form_class = ServiceUnitPageForm
    parent_page_types = ["content.ServiceDirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service unit")

    def get_context(self, request, *args, **kwargs):
        from content import page_cache
        from content.directory.hours import is_open, next_change, weekly_hours
        from content.directory.listing import localise_services
        from content.models.services import Service

        context = super().get_context(request, *args, **kwargs)
        # Loaded once here; the open-now badge and the week's table both read them.
        prefetch_related_objects([self], "opening_hours", "services")
        localise_services([self], Service.objects.live().filter(locale_id=self.locale_id))
        context["is_open_now"] = is_open(self)
        context["weekly_hours"] = weekly_hours(self)
        page_cache.expire_by(request, next_change([self]))
        return context

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def whatsapp_href(self) -> str:
        digits = "".join(ch for ch in self.whatsapp if ch.isdigit())
        return f"https://wa.me/{digits}" if digits else ""

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class OpeningHours(Orderable):
    """One opening period on one weekday; a day may have several (a lunch break).

    A period whose closing time is not after its opening time runs past midnight
    (a night shift 20:00-02:00, or 08:00-00:00 for "until midnight").
    """

    page = ParentalKey(ServiceUnitPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"
