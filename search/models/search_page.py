from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class SearchPage(Page):
    """The public search page: one box, results grouped by type, facets as links."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count_per_parent = 1
    page_size = 10

    class Meta:
        verbose_name = _("search page")

    def get_context(self, request, *args, **kwargs):
        from search.views import search_context

        context = super().get_context(request, *args, **kwargs)
        context.update(search_context(self, request))
        return context
