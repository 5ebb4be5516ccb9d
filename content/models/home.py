import functools

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from content.models.base import LINK_FIELDS, ChildRouteMixin


class HomePage(ChildRouteMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)
    report_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("complaint page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the “Report” button leads; shown in the reader's language."),
    )
    report_text = models.CharField(
        _("report invitation"),
        max_length=200,
        blank=True,
        help_text=_("A sentence above the Report button, e.g. “Saw or experienced violence?”"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [PageChooserPanel("report_page"), FieldPanel("report_text")],
            heading=_("Report button"),
        ),
    ]
    max_count_per_parent = 1
    # "Help near you" filters by ?region= (content/templatetags/directory_tags.py).
    cache_query_params = ("region",)
    # Lists on the home page: a few items each, so the page stays light.
    campaign_count = 3
    article_count = 3
    event_count = 3

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from content.models.articles import ArticleIndexPage, ArticlePage
        from content.models.campaigns import CampaignIndexPage, CampaignPage
        from content.models.directory import ServiceDirectoryPage
        from content.models.events import EventIndexPage, EventPage

        context = super().get_context(request, *args, **kwargs)
        # Lazy objects, not lists: the template's fragments (content/templatetags/
        # fragments.py) build and run none of these queries while they are kept. Ids,
        # not Locale objects: self.locale would cost a query of its own.
        locale = self.locale_id
        context["campaigns"] = SimpleLazyObject(
            lambda: list(
                CampaignPage.for_listing(CampaignPage.current(locale))
                .select_related("listing_image")
                .prefetch_related("listing_image__renditions")[: self.campaign_count]
            )
        )
        # News on the home page is a list of headlines: no thumbnails to fetch or download.
        context["articles"] = SimpleLazyObject(
            lambda: list(
                ArticlePage.latest(locale).only(*LINK_FIELDS, "summary", "date")[
                    : self.article_count
                ]
            )
        )
        context["events"] = SimpleLazyObject(
            lambda: list(EventPage.for_listing(EventPage.upcoming(locale))[: self.event_count])
        )

        # The home page's children serve twice: the main menu (navigation_tags) and the
        # links to the three sections, in one query. Their type comes from the content
        # type (cached by Django), not from loading each specific page.
        @functools.cache
        def children():
            return list(
                self.get_children()
                .live()
                .only(*LINK_FIELDS, "path", "depth", "show_in_menus", "content_type")
            )

        @functools.cache
        def sections():
            found = {}
            for page in children():
                found.setdefault(page.specific_class, page)
            return found

        def section(page_class):
            return SimpleLazyObject(lambda: sections().get(page_class))

        context["menu_pages"] = SimpleLazyObject(children)
        context["directory_page"] = section(ServiceDirectoryPage)
        context["campaign_index"] = section(CampaignIndexPage)
        context["article_index"] = section(ArticleIndexPage)
        context["event_index"] = section(EventIndexPage)
        context["report_page"] = SimpleLazyObject(lambda: self.localized_report_page(children()))
        return context

    def localized_report_page(self, children=()):
        """The complaint page in this home page's language (Wagtail's ``localized``).

        A home page is served in its own language, so a complaint page of the same
        locale needs no look-up of the active locale; and it is usually one of the home
        page's ``children``, loaded already.
        """
        if self.report_page_id is None:
            return None
        report_page = next((page for page in children if page.pk == self.report_page_id), None)
        if report_page is not None:
            return report_page
        report_page = (
            Page.objects.only(*LINK_FIELDS, "live", "locale", "translation_key")
            .filter(pk=self.report_page_id)
            .first()
        )
        if report_page is None or report_page.locale_id == self.locale_id:
            return report_page
        return report_page.localized
