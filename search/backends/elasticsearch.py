"""The scale-out backend: Elasticsearch 8 through elasticsearch-dsl.

Queries are built by ``build_search`` (pure: no cluster needed, so the tests check its
``to_dict()``); ``ElasticsearchBackend`` runs them. The index name readers query is an
alias (``<ELASTICSEARCH_INDEX_PREFIX>-pages``); ``rebuild`` fills a new dated index
behind it and swaps the alias in one atomic call, so searches never see a half-built
index.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch_dsl import A, Q, Search

from search.api import FacetValue, Hit, SearchRequest, SearchResults
from search.backends import SearchUnavailable
from search.backends.es_documents import PageDocument

FACET_FIELDS = {
    "content_type": "content_type",
    "region": "region_code",
    "service": "services",
    "unit_kind": "unit_kind",
}
FACET_SIZE = 50
HIGHLIGHT_TAG = "\x02"  # placeholders, escaped text is then wrapped in <mark> by us
HIGHLIGHT_END = "\x03"


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-pages"


def dated_index_name(moment: datetime | None = None) -> str:
    """A new concrete index behind the alias: ``<alias>-<UTC timestamp>``."""
    return f"{alias_name()}-{(moment or datetime.now(UTC)):%Y%m%d%H%M%S%f}"


def alias_swap(alias: str, old_indices: list[str], new_index: str) -> list[dict]:
    """One update_aliases body: the alias leaves every old index and reaches the new one.

    Elasticsearch applies the actions of one call atomically, so no search ever finds
    the alias on no index, or on two.
    """
    actions = [
        {"remove": {"index": index, "alias": alias}} for index in old_indices if index != new_index
    ]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


def bulk_actions(entries, index: str):
    """The bulk API actions that write these search entries into ``index``."""
    for entry in entries:
        yield PageDocument.from_search_document(entry.as_document()).to_dict(include_meta=True) | {
            "_index": index
        }


def index_body() -> dict:
    """Settings (analyzers) and mapping of every dated index."""
    return PageDocument._index.to_dict()


def region_path(code: str) -> list[str]:
    """ "35.78.01" → ["35", "35.78", "35.78.01"]: the region and all above it."""
    if not code:
        return []
    parts = code.split(".")
    return [".".join(parts[: depth + 1]) for depth in range(len(parts))]


def build_query(request: SearchRequest) -> Q:
    """The full-text query with the request's filters (no facets, highlights, paging)."""
    language = request.language
    title, body = f"title_{language}", f"body_{language}"
    text = request.query
    return Q(
        "bool",
        should=[
            # Every word, each forgiving a typo or two ("kekerasn" still matches).
            Q(
                "multi_match",
                query=text,
                fields=[f"{title}^4", body],
                type="most_fields",
                fuzziness="AUTO",
                prefix_length=1,
                operator="or",
            ),
            # The words as a phrase rank first: "kekerasan seksual" before pages that
            # only say "kekerasan" somewhere.
            Q("multi_match", query=text, fields=[f"{title}^6", f"{body}^2"], type="phrase"),
            Q("match", **{f"{title}.builtin": {"query": text, "boost": 1}}),
        ],
        minimum_should_match=1,
        filter=filters_for(request),
    )


def build_count(request: SearchRequest, index: str | None = None) -> Search:
    """How many pages match (sent to the _count API: the query only)."""
    return Search(index=index or alias_name()).query(build_query(request))


def build_search(request: SearchRequest, index: str | None = None) -> Search:
    """The elasticsearch-dsl search for one request: query, filters, facets, highlights."""
    language = request.language
    title, body = f"title_{language}", f"body_{language}"
    text = request.query
    search = Search(index=index or alias_name()).query(build_query(request))
    for name, field_name in FACET_FIELDS.items():
        search.aggs.bucket(name, A("terms", field=field_name, size=FACET_SIZE))
    search = (
        search.highlight_options(
            pre_tags=[HIGHLIGHT_TAG],
            post_tags=[HIGHLIGHT_END],
            fragment_size=200,
            number_of_fragments=1,
            no_match_size=200,
        )
        .highlight(title, number_of_fragments=0)
        .highlight(body)
    )
    search = search.suggest(
        "spelling", text, term={"field": f"{body}.plain", "suggest_mode": "missing"}
    )
    search = search.source(
        ["page_title", "page_text", "url", "content_type", "region_code", "unit_kind"]
    )
    if request.near:
        search = search.sort(*nearest_first(*request.near))
    search = search.extra(track_total_hits=True)
    return search[request.offset : request.offset + request.page_size]


def filters_for(request: SearchRequest) -> list[Q]:
    filters = [Q("term", language=request.language)]
    wanted = request.filters
    if "content_type" in wanted:
        filters.append(Q("term", content_type=wanted["content_type"]))
    if "region" in wanted:
        filters.append(Q("term", region_path=wanted["region"]))
    if "service" in wanted:
        filters.append(Q("term", services=wanted["service"]))
    if "unit_kind" in wanted:
        filters.append(Q("term", unit_kind=wanted["unit_kind"]))
    if request.within is not None:
        filters.append(Q("ids", values=[str(page_id) for page_id in request.within]))
    return filters


def nearest_first(latitude: float, longitude: float) -> list[dict]:
    """Sort by distance (pages without a location sort last), then by relevance."""
    return [
        {
            "_geo_distance": {
                "location": {"lat": latitude, "lon": longitude},
                "order": "asc",
                "unit": "km",
            }
        },
        {"_score": {"order": "desc"}},
    ]


def build_autocomplete(prefix: str, language: str, index: str | None = None) -> Search:
    """Title completions for a prefix, in one language (the completion suggester)."""
    return (
        Search(index=index or alias_name())
        .suggest(
            "titles",
            prefix,
            completion={
                "field": "suggest",
                "skip_duplicates": True,
                "size": 5,
                "fuzzy": {"fuzziness": "AUTO"},
                "contexts": {"language": [language]},
            },
        )
        .source(["page_title", "url"])
    )


def build_nearby(latitude: float, longitude: float, distance_km: float, language: str) -> Search:
    """Service units near a point, nearest first (for the service directory)."""
    return (
        Search(index=alias_name())
        .filter("term", language=language)
        .filter("term", content_type="service_unit")
        .filter(
            "geo_distance",
            distance=f"{distance_km}km",
            location={"lat": latitude, "lon": longitude},
        )
        .sort(*nearest_first(latitude, longitude))
    )


def _marked(fragment: str) -> str:
    """Escape a highlighted fragment and turn the placeholders into <mark>."""
    return mark_safe(  # noqa: S308 - the text is escaped first
        escape(fragment).replace(HIGHLIGHT_TAG, "<mark>").replace(HIGHLIGHT_END, "</mark>")
    )


def parse_response(request: SearchRequest, response) -> SearchResults:
    language = request.language
    hits = []
    for hit in response.hits:
        highlights = getattr(hit.meta, "highlight", None)
        title_parts = getattr(highlights, f"title_{language}", None) if highlights else None
        body_parts = getattr(highlights, f"body_{language}", None) if highlights else None
        text = hit.page_text or ""
        title = _marked(title_parts[0]) if title_parts else escape(hit.page_title)
        hits.append(
            Hit(
                page_id=int(hit.meta.id),
                title=hit.page_title,
                url=hit.url,
                content_type=hit.content_type,
                snippet=_marked(body_parts[0]) if body_parts else _marked(text[:200]),
                title_highlighted=title,
                region_code=getattr(hit, "region_code", "") or "",
                unit_kind=getattr(hit, "unit_kind", "") or "",
                score=hit.meta.score or 0.0,
            )
        )
    facets = {
        name: [
            FacetValue(bucket.key, bucket.doc_count)
            for bucket in getattr(response.aggregations, name).buckets
        ]
        for name in FACET_FIELDS
    }
    suggestion = None
    spelling = getattr(getattr(response, "suggest", None), "spelling", None)
    if spelling:
        words, changed = [], False
        for entry in spelling:
            if entry.options:
                words.append(entry.options[0].text)
                changed = True
            else:
                words.append(entry.text)
        suggestion = " ".join(words) if changed else None
    return SearchResults(
        request=request,
        hits=hits,
        total=response.hits.total.value,
        facets=facets,
        suggestion=suggestion,
    )


def parse_autocomplete(response) -> list[dict]:
    """The completion suggester's options as titles and URLs, best first."""
    return [
        {"title": option._source.page_title, "url": option._source.url}
        for option in response.suggest.titles[0].options
    ]


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url: str):
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch(url, request_timeout=5)

    def ping(self) -> None:
        if not self.client.ping():
            raise SearchUnavailable("Elasticsearch did not answer the ping")

    def search(self, request: SearchRequest) -> SearchResults:
        response = build_search(request).using(self.client).execute()
        return parse_response(request, response)

    def count(self, request: SearchRequest) -> int:
        return build_count(request).using(self.client).count()

    def autocomplete(self, prefix: str, language: str) -> list[dict]:
        response = build_autocomplete(prefix, language).using(self.client).execute()
        return parse_autocomplete(response)

    # -- indexing --------------------------------------------------------------

    def ensure_index(self) -> None:
        """Create a first dated index behind the alias if there is none yet."""
        if not self.client.indices.exists_alias(name=alias_name()):
            name = self.new_index()
            self.client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": alias_name()}}]
            )

    def new_index(self) -> str:
        name = dated_index_name()
        self.client.indices.create(index=name, body=index_body())
        return name

    def index(self, entries) -> None:
        from elasticsearch.helpers import bulk

        self.ensure_index()
        bulk(self.client, list(bulk_actions(entries, alias_name())), refresh=settings.TESTING)

    def remove(self, entry) -> None:
        self.remove_id(entry.page_id)

    def remove_id(self, page_id: int) -> None:
        self.client.options(ignore_status=404).delete(
            index=alias_name(), id=str(page_id), refresh=settings.TESTING
        )

    def rebuild(self, entries, progress=None) -> None:
        """Fill a new index, then point the alias at it and drop the old ones."""
        from elasticsearch.helpers import streaming_bulk

        name = self.new_index()
        for ok, _item in streaming_bulk(self.client, bulk_actions(entries, name), chunk_size=500):
            if ok and progress:
                progress(1)
        self.client.indices.refresh(index=name)
        alias = alias_name()
        old = (
            list(self.client.indices.get_alias(name=alias).keys())
            if self.client.indices.exists_alias(name=alias)
            else []
        )
        self.client.indices.update_aliases(actions=alias_swap(alias, old, name))
        for index in old:
            if index != name:
                self.client.indices.delete(index=index)
