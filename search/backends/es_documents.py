"""The Elasticsearch index: analyzers, mapping and the document class (elasticsearch-dsl).

Each language has its own fields (``title_id``/``body_id``, ``title_en``/``body_en``),
analysed for that language; a page fills the pair of its own language only.

Indonesian: Elasticsearch's built-in ``indonesian`` analyzer (standard tokenizer,
lowercase, Indonesian stop words, Tala's stemmer) cannot take synonyms, so the
``indonesian_portal`` analyzer rebuilds it from the same parts, as Elasticsearch's
documentation recommends for customising a language analyzer, adds the stemmer
corrections of search.text (``stemmer_override``) and, at search time, a synonym
filter for the words readers use for the same thing (search.synonyms). The built-in
analyzer stays on a ``.builtin`` sub-field. A ``.plain`` sub-field (no stemming) feeds the spelling
suggester, so that suggestions are real words rather than stems.
"""

from __future__ import annotations

from elasticsearch_dsl import (
    Completion,
    Document,
    Float,
    GeoPoint,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from search.synonyms import elasticsearch_rules
from search.text import STEM_OVERRIDES

INDONESIAN_SYNONYMS = elasticsearch_rules("id")
ENGLISH_SYNONYMS = elasticsearch_rules("en")


def override_rules(language: str) -> list[str]:
    """search.text's corrections of the stemmer, as ``stemmer_override`` rules."""
    return [f"{word} => {stem}" for word, stem in sorted(STEM_OVERRIDES[language].items())]


indonesian_stop = token_filter("indonesian_stop", type="stop", stopwords="_indonesian_")
# Before the stemmer: a word it would cut wrong gets its right stem and is left alone.
indonesian_overrides = token_filter(
    "indonesian_stem_overrides", type="stemmer_override", rules=override_rules("id")
)
indonesian_stemmer = token_filter("indonesian_stemmer", type="stemmer", language="indonesian")
indonesian_synonyms = token_filter(
    "indonesian_synonyms", type="synonym_graph", synonyms=INDONESIAN_SYNONYMS
)
english_stop = token_filter("english_stop", type="stop", stopwords="_english_")
english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
english_possessive = token_filter(
    "english_possessive_stemmer", type="stemmer", language="possessive_english"
)
english_synonyms = token_filter("english_synonyms", type="synonym_graph", synonyms=ENGLISH_SYNONYMS)

# Synonym graphs belong at search time only (they cannot be indexed as graphs).
indonesian_index = analyzer(
    "indonesian_portal",
    tokenizer="standard",
    filter=["lowercase", indonesian_stop, indonesian_overrides, indonesian_stemmer],
)
indonesian_search = analyzer(
    "indonesian_portal_search",
    tokenizer="standard",
    filter=[
        "lowercase",
        indonesian_synonyms,
        indonesian_stop,
        indonesian_overrides,
        indonesian_stemmer,
    ],
)
english_index = analyzer(
    "english_portal",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", english_stop, english_stemmer],
)
english_search = analyzer(
    "english_portal_search",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", english_synonyms, english_stop, english_stemmer],
)
plain = analyzer("plain_words", tokenizer="standard", filter=["lowercase"])

ANALYZERS = {
    "id": (indonesian_index, indonesian_search, "indonesian"),
    "en": (english_index, english_search, "english"),
}


def language_text(language: str) -> Text:
    index_analyzer, search_analyzer, builtin = ANALYZERS[language]
    return Text(
        analyzer=index_analyzer,
        search_analyzer=search_analyzer,
        fields={
            "builtin": Text(analyzer=builtin),
            "plain": Text(analyzer=plain),
        },
    )


class PageDocument(Document):
    """One live page; its id is the Wagtail page id."""

    title_id = language_text("id")
    body_id = language_text("id")
    title_en = language_text("en")
    body_en = language_text("en")
    page_title = Keyword(index=False)
    page_text = Text(index=False)
    url = Keyword(index=False)
    language = Keyword()
    content_type = Keyword()
    region_code = Keyword()
    # The region and every region above it, so "within this region" is one term query.
    region_path = Keyword()
    services = Keyword()
    unit_kind = Keyword()
    location = GeoPoint()
    translation_key = Keyword()
    boost = Float()
    suggest = Completion(analyzer=plain, contexts=[{"name": "language", "type": "category"}])

    class Index:
        # The real name is an alias; rebuild_search_index creates dated indices behind it.
        name = "pages"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_search_document(cls, document) -> PageDocument:
        from search.backends.elasticsearch import region_path

        fields = {
            f"title_{document.language}": document.title,
            f"body_{document.language}": document.body,
        }
        location = None
        if document.latitude is not None and document.longitude is not None:
            location = {"lat": document.latitude, "lon": document.longitude}
        return cls(
            meta={"id": document.page_id},
            page_title=document.title,
            page_text=document.body,
            url=document.url,
            language=document.language,
            content_type=document.content_type,
            region_code=document.region_code or None,
            region_path=region_path(document.region_code),
            services=list(document.services),
            unit_kind=document.unit_kind or None,
            location=location,
            translation_key=document.translation_key,
            suggest={"input": [document.title], "contexts": {"language": [document.language]}},
            **fields,
        )
