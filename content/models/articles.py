from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content.blocks import BodyBlock
from content.models.base import ChildRouteMixin, ListingMixin, public_q


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleIndexPage(RoutablePageMixin, ChildRouteMixin, Page):
    """The news: a paginated list, filterable by tag, with an RSS feed at ``rss/``."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["content.ArticlePage"]
    max_count_per_parent = 1
    page_size = 10
    feed_size = 20
    cache_query_params = ("page", "tag")

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        return (
            ArticlePage.objects.child_of(self)
            .live()
            .filter(public_q())
            .defer_streamfields()
            .select_related("listing_image")
            .order_by("-date", "-pk")
        )

    @path("")
    def index(self, request):
        articles = ArticlePage.for_listing(self.articles()).prefetch_related(
            "listing_image__renditions"
        )
        tag = request.GET.get("tag", "").strip()
        if tag:
            articles = articles.filter(tags__slug=tag)
        return self.render(
            request,
            context_overrides={
                "articles": Paginator(articles, self.page_size).get_page(request.GET.get("page")),
                "tag": tag,
            },
        )

    @path("rss/", name="feed")
    def feed(self, request):
        from content.feeds import NewsFeed

        return NewsFeed(self)(request)


class ArticlePage(ListingMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        *ListingMixin.listing_panels,
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    parent_page_types = ["content.ArticleIndexPage"]
    subpage_types = []
    listing_fields = ("summary", "listing_image", "date")

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @classmethod
    def latest(cls, locale):
        return (
            cls.objects.live()
            .filter(public_q(), locale=locale)
            .defer_streamfields()
            .order_by("-date", "-pk")
        )
