"""The embedded default: Wagtail's database search over the stored search entries.

Wagtail's database backend is SQLite FTS5 here and PostgreSQL full-text search in
production. Text arrives already normalised by search.text (Snowball stems per
language), so PostgreSQL runs with the "simple" configuration (see
WAGTAILSEARCH_BACKENDS in portal/settings.py): it only lower-cases and splits, and
the index holds the same stems on both databases. Filters are ordinary queryset
filters on the entries, facets aggregate queries over the matching entries, and a
spelling suggestion comes from the vocabulary of published text (search.spelling).
"""

from __future__ import annotations

from collections import Counter

from django.db import connection
from django.db.models import Count, IntegerField, Q
from django.db.models.functions import Cast
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object, remove_object
from wagtail.search.query import Or, Phrase, PlainText

from search.api import FacetValue, Hit, SearchRequest, SearchResults
from search.geo import distance_km
from search.synonyms import Expansion, expand
from search.text import highlight, stems


def full_text_query(expansion: Expansion):
    """Any of the words, or any of the synonym phrases as a phrase (stems in the index
    follow each other as the words did)."""
    words = PlainText(" ".join(dict.fromkeys(expansion.words)), operator="or")
    if not expansion.phrases:
        return words
    return Or([words, *(Phrase(" ".join(phrase)) for phrase in expansion.phrases)])


def _postgres_candidates(expansion: Expansion):
    """Ids of the entries whose index row matches any query stem, through the GIN indexes.

    Wagtail's PostgreSQL backend matches ``title || body`` row by row, which no index
    serves: on 20,000 pages every query read every entry of the language. Narrowing
    first to the rows the per-column GIN indexes find keeps its ranking and makes the
    cost follow the number of matches instead of the size of the portal.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.postgres.search import SearchQuery
    from wagtail.search.models import IndexEntry

    from search.models import SearchEntry

    query = None
    parts = [SearchQuery(word, config="simple", search_type="plain") for word in expansion.words]
    parts += [
        SearchQuery(" ".join(phrase), config="simple", search_type="phrase")
        for phrase in expansion.phrases
    ]
    for part in parts:
        query = part if query is None else query | part
    return (
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(SearchEntry))
        .filter(Q(title=query) | Q(body=query))
        .annotate(entry_id=Cast("object_id", IntegerField()))
        .values("entry_id")
    )


class DatabaseBackend:
    name = "database"

    def ping(self) -> None:
        # The database backend lives in the portal's own database, which /healthz
        # already checks; there is nothing more to reach.
        return None

    # -- indexing --------------------------------------------------------------

    def index(self, entries) -> None:
        for entry in entries:
            insert_or_update_object(entry)

    def remove(self, entry) -> None:
        remove_object(entry)

    def remove_id(self, page_id: int) -> None:
        from search.models import SearchEntry

        remove_object(SearchEntry(page_id=page_id))

    def rebuild(self, entries_iterator, progress=None) -> None:
        from wagtail.search.models import IndexEntry

        from search.models import SearchEntry

        backend = get_search_backend()
        search_index = backend.get_index_for_model(SearchEntry)
        IndexEntry.objects.filter(
            content_type__app_label="portal_search", content_type__model="searchentry"
        ).delete()
        batch = []
        for entry in entries_iterator:
            batch.append(entry)
            if len(batch) >= 500:
                search_index.add_items(SearchEntry, batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            search_index.add_items(SearchEntry, batch)
            if progress:
                progress(len(batch))

    # -- searching -------------------------------------------------------------

    def filtered_entries(self, request: SearchRequest):
        from search.models import SearchEntry, SearchEntryService

        entries = SearchEntry.objects.filter(language=request.language)
        filters = request.filters
        if "content_type" in filters:
            entries = entries.filter(content_type=filters["content_type"])
        if "region" in filters:
            # Kemendagri codes nest by prefix: "35.78" holds "35.78.01" and its villages.
            code = filters["region"]
            entries = entries.filter(Q(region_code=code) | Q(region_code__startswith=f"{code}."))
        if "service" in filters:
            entries = entries.filter(
                page__in=SearchEntryService.objects.filter(service=filters["service"]).values(
                    "entry_id"
                )
            )
        if "unit_kind" in filters:
            entries = entries.filter(unit_kind=filters["unit_kind"])
        if request.within is not None:
            entries = entries.filter(page__in=request.within)
        return entries

    def matching(self, request: SearchRequest, expansion: Expansion, *, ranked: bool):
        entries = self.filtered_entries(request)
        if connection.vendor == "postgresql":
            entries = entries.filter(page__in=_postgres_candidates(expansion))
        return entries.search(full_text_query(expansion), order_by_relevance=ranked)

    def count(self, request: SearchRequest) -> int:
        """How many entries the request matches (no ranking, snippets or facets)."""
        expansion = expand(stems(request.query, request.language), request.language)
        if not expansion.words:
            return 0
        return self.matching(request, expansion, ranked=False).count()

    def nearest(self, request: SearchRequest, rows) -> list:
        """One page of the matching entries, nearest first; those without a location last.

        Every matching row is already in memory for the total and the facets, so the
        distances are computed here rather than in a second ranked query.
        """
        from search.models import SearchEntry

        latitude, longitude = request.near

        def distance(row):
            if row[4] is None or row[5] is None:
                return (1, 0.0, row[0])
            return (0, distance_km(latitude, longitude, row[4], row[5]), row[0])

        ids = [row[0] for row in sorted(rows, key=distance)]
        ids = ids[request.offset : request.offset + request.page_size]
        entries = SearchEntry.objects.in_bulk(ids, field_name="page_id")
        return [entries[page_id] for page_id in ids if page_id in entries]

    def search(self, request: SearchRequest) -> SearchResults:
        from search.models import SearchEntryService
        from search.spelling import suggest

        expansion = expand(stems(request.query, request.language), request.language)
        suggestion = suggest(request.query, request.language)
        if not expansion.words:
            return SearchResults(request=request, hits=[], total=0, suggestion=suggestion)
        found = self.matching(request, expansion, ranked=True)
        # The full-text match runs twice: once unranked for the total and the facets
        # (Wagtail's .facet() would run it once per facet), once ranked for the page.
        unranked = found.query_compiler.search(
            found.query_compiler.get_config(found.backend), None, None
        )
        rows = list(
            unranked.order_by().values_list(
                "page_id", "content_type", "region_code", "unit_kind", "latitude", "longitude"
            )
        )
        total = len(rows)
        if request.near and total:
            page = self.nearest(request, rows)
        else:
            page = list(found[request.offset : request.offset + request.page_size]) if total else []
        query_stems = set(stems(request.query, request.language))
        hits = [
            Hit(
                page_id=entry.page_id,
                title=entry.page_title,
                url=entry.url,
                content_type=entry.content_type,
                snippet=highlight(entry.page_text, query_stems, request.language),
                title_highlighted=highlight(entry.page_title, query_stems, request.language),
                region_code=entry.region_code,
                unit_kind=entry.unit_kind,
            )
            for entry in page
        ]
        facets: dict[str, list[FacetValue]] = {}
        if total:
            for position, name in enumerate(("content_type", "region", "unit_kind"), start=1):
                counts = Counter(row[position] for row in rows if row[position])
                facets[name] = [FacetValue(value, count) for value, count in counts.most_common()]
            facets["service"] = [
                FacetValue(row["service"], row["count"])
                for row in SearchEntryService.objects.filter(entry__in=[row[0] for row in rows])
                .values("service")
                .annotate(count=Count("entry", distinct=True))
                .order_by("-count", "service")
            ]
        return SearchResults(
            request=request, hits=hits, total=total, facets=facets, suggestion=suggestion
        )
