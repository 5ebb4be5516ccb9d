from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class SearchEntryQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchEntry(index.Indexed, models.Model):
    """One live page as search sees it (see search.documents.SearchDocument).

    Both backends are fed from these rows. The database backend searches them through
    Wagtail's database search (SQLite FTS5, PostgreSQL full text); ``title`` and
    ``body`` hold the language-normalised stems (search.text), which is what gets
    indexed, while ``page_title`` and ``page_text`` keep the readable text for snippets.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    language = models.CharField(max_length=8, db_index=True)
    content_type = models.CharField(max_length=40, db_index=True)
    page_title = models.CharField(max_length=255)
    page_text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # The indexed stems. Wagtail's database backends weight a search field named
    # "title" above the rest, hence the names.
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    region_code = models.CharField(max_length=13, blank=True, db_index=True)
    unit_kind = models.CharField(max_length=40, blank=True, db_index=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    translation_key = models.CharField(max_length=36, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("body"),
        index.FilterField("page"),
        index.FilterField("language"),
        index.FilterField("content_type"),
        index.FilterField("region_code"),
        index.FilterField("unit_kind"),
    ]

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    # Indexed explicitly by search.indexing, in the same background task that wrote the
    # row, rather than by a second task from Wagtail's post_save handler.
    search_auto_update = False

    def __str__(self):
        return self.page_title

    def as_document(self):
        from search.documents import SearchDocument

        return SearchDocument(
            page_id=self.page_id,
            title=self.page_title,
            body=self.page_text,
            language=self.language,
            content_type=self.content_type,
            url=self.url,
            region_code=self.region_code,
            services=sorted(service.service for service in self.services.all()),
            unit_kind=self.unit_kind,
            latitude=self.latitude,
            longitude=self.longitude,
            translation_key=self.translation_key,
        )


class SearchEntryService(models.Model):
    """A service a searchable page offers (service units offer several)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="services")
    service = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "service"], name="search_entry_service_once")
        ]

    def __str__(self):
        return self.service


class SearchTerm(models.Model):
    """A word that occurs in indexed text, for spelling suggestions on the database backend.

    Only words of published pages: the vocabulary is public text, never a reader's query.
    """

    language = models.CharField(max_length=8)
    term = models.CharField(max_length=60)
    length = models.PositiveSmallIntegerField()
    initial = models.CharField(max_length=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="search_term_once")
        ]
        indexes = [models.Index(fields=["language", "initial", "length"])]

    def __str__(self):
        return self.term
