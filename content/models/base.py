"""Shared structure of the public page types."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Expression
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class OutsideRestrictedSections(Expression):
    """True for a page outside every section with a view restriction.

    The SQL is written out, not composed from querysets, because this condition sits
    in every public list (the home page alone has five) and composing it cost more
    than the rest of each list's query: building the nested querysets and compiling
    them again took about 2 ms per list on every request. Only the listed page's own
    ``path`` column is resolved per query, so the condition works wherever the page
    table is joined or aliased (a subquery, a child page type).

    The restricted section's path is read with a scalar subquery, not a join: with a
    join PostgreSQL may reorder it and compare every listed page with every page of the
    site (minutes on a few thousand pages); this way the cost is listed pages times
    restrictions, and there are few restrictions. Tree paths are made of digits and
    capital letters, so they need no escaping inside LIKE.
    """

    output_field = models.BooleanField()
    # Wagtail's own tables; "%(path)s" is the listed page's path column.
    template = (
        'NOT EXISTS (SELECT 1 FROM "wagtailcore_pageviewrestriction" r WHERE %(path)s LIKE '
        '(SELECT s."path" FROM "wagtailcore_page" s WHERE s."id" = r."page_id") || \'%%%%\')'
    )

    def __init__(self, path=None):
        super().__init__()
        self.path = path

    def get_source_expressions(self):
        return [self.path] if self.path is not None else []

    def set_source_expressions(self, expressions):
        self.path = expressions[0] if expressions else None

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        if self.path is not None:
            # Resolved already: a query used as a subquery is resolved again by the outer one.
            return super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        resolved = self.copy()
        resolved.path = query.resolve_ref("path", allow_joins, reuse, summarize)
        return resolved

    def as_sql(self, compiler, connection):
        path_sql, params = compiler.compile(self.path)
        return self.template % {"path": path_sql}, params


def public_q():
    """Pages outside every section with a view restriction (password, login, groups).

    The same as Wagtail's ``PageQuerySet.public()``, as one SQL condition: ``public()``
    first loads every restriction in a query of its own, and the home page lists three
    kinds of page, which would make its query count grow with each list.
    """
    return OutsideRestrictedSections()


# What a link to a page needs: its title and its URL path. A page row has about thirty
# columns, and on a list it is the columns, not the rows, that cost: each one is
# compiled into the query and converted into every object, whether shown or not.
LINK_FIELDS = ("title", "url_path")


class ChildRouteMixin:
    """Routes a URL to a child page with two slim queries instead of two wide ones.

    Wagtail's ``Page.route`` loads the child as a plain page (every column of the page
    table) and then again as its own type. Here the first query reads only the
    child's id and type, so a campaign or a service unit costs one page row, not two.
    A page type with sub-routes of its own (RoutablePageMixin) lists that mixin first.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        found = (
            self.get_children()
            .filter(slug=path_components[0])
            .values_list("pk", "content_type_id")
            .first()
        )
        if found is None:
            raise Http404
        pk, content_type_id = found
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        subpage = model.objects.get(pk=pk)
        subpage._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return subpage.route(request, path_components[1:])


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
    # The columns a list item of this type shows (content/templates/content/includes/);
    # a field left out here costs a query per item when a template reads it.
    listing_fields = ("summary", "listing_image")

    class Meta:
        abstract = True

    @classmethod
    def for_listing(cls, queryset):
        """``queryset`` loading only what a list item shows (LINK_FIELDS, listing_fields)."""
        return queryset.only(*LINK_FIELDS, *cls.listing_fields)

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
