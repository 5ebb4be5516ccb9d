"""What elasticsearch-dsl sends to Elasticsearch, checked without a cluster.

The live behaviour of these bodies is covered by the shared suite (test_api.py and
test_indexing.py) whenever ELASTICSEARCH_URL is set.
"""

import pytest
from django.test import override_settings

from search.api import make_request
from search.backends.elasticsearch import (
    build_autocomplete,
    build_count,
    build_nearby,
    build_search,
    parse_response,
    region_path,
)
from search.backends.es_documents import PageDocument
from search.documents import SearchDocument
from search.text import STEM_OVERRIDES, stem


@pytest.fixture
def index_body():
    return PageDocument._index.to_dict()


def test_indonesian_analyzer_stems_with_tala_and_drops_indonesian_stop_words(index_body):
    analysis = index_body["settings"]["analysis"]
    analyzer = analysis["analyzer"]["indonesian_portal"]
    assert analyzer["tokenizer"] == "standard"
    assert analyzer["filter"] == [
        "lowercase",
        "indonesian_stop",
        "indonesian_stem_overrides",
        "indonesian_stemmer",
    ]
    assert analysis["filter"]["indonesian_stemmer"] == {"type": "stemmer", "language": "indonesian"}
    assert analysis["filter"]["indonesian_stop"] == {"type": "stop", "stopwords": "_indonesian_"}


def test_both_backends_correct_the_same_wrong_cuts_of_the_stemmer(index_body):
    overrides = index_body["settings"]["analysis"]["filter"]["indonesian_stem_overrides"]
    assert overrides["type"] == "stemmer_override"
    # "menampar" (to slap) is meN- + "tampar"; Tala alone leaves "ampar".
    assert "menampar => tampar" in overrides["rules"]
    assert stem("menampar", "id") == "tampar"
    assert len(overrides["rules"]) == len(STEM_OVERRIDES["id"])


def test_related_help_is_added_one_way_only(index_body):
    rules = index_body["settings"]["analysis"]["filter"]["indonesian_synonyms"]["synonyms"]
    trafficking = next(rule for rule in rules if rule.startswith("perdagangan orang"))
    asked, added = trafficking.split(" => ")
    assert "tppo" in asked and "pemulangan" not in asked
    assert "pemulangan" in added and "reintegrasi sosial" in added


def test_indonesian_search_analyzer_adds_reporting_synonyms_before_stemming(index_body):
    analysis = index_body["settings"]["analysis"]
    search_analyzer = analysis["analyzer"]["indonesian_portal_search"]
    assert search_analyzer["filter"].index("indonesian_synonyms") < search_analyzer["filter"].index(
        "indonesian_stemmer"
    )
    synonyms = analysis["filter"]["indonesian_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    reporting = next(line for line in synonyms["synonyms"] if line.startswith("lapor"))
    assert {"melapor", "pelaporan", "laporan"} <= {w.strip() for w in reporting.split(",")}


def test_each_language_field_uses_its_own_analyzers(index_body):
    properties = index_body["mappings"]["properties"]
    assert properties["title_id"]["analyzer"] == "indonesian_portal"
    assert properties["title_id"]["search_analyzer"] == "indonesian_portal_search"
    assert properties["body_en"]["analyzer"] == "english_portal"
    assert properties["body_en"]["search_analyzer"] == "english_portal_search"
    # The built-in language analyzers stay available on a sub-field.
    assert properties["title_id"]["fields"]["builtin"]["analyzer"] == "indonesian"
    assert properties["title_en"]["fields"]["builtin"]["analyzer"] == "english"


def test_mapping_has_keywords_for_facets_a_geo_point_and_a_completion_field(index_body):
    properties = index_body["mappings"]["properties"]
    for name in ("language", "content_type", "region_code", "region_path", "services", "unit_kind"):
        assert properties[name] == {"type": "keyword"}
    assert properties["location"] == {"type": "geo_point"}
    assert properties["suggest"]["type"] == "completion"
    assert properties["suggest"]["contexts"] == [{"name": "language", "type": "category"}]


def test_a_service_unit_becomes_a_document_in_its_language_fields():
    document = SearchDocument(
        page_id=42,
        title="UPTD PPA Kota Surabaya",
        body="Pendampingan hukum dan psikologis",
        language="id",
        content_type="service_unit",
        url="/id/layanan/uptd-ppa-surabaya/",
        region_code="35.78.01",
        services=["legal", "psychological"],
        unit_kind="uptd-ppa",
        latitude=-7.33,
        longitude=112.7,
    )
    body = PageDocument.from_search_document(document).to_dict(include_meta=True)
    assert body["_id"] == 42
    source = body["_source"]
    assert source["title_id"] == "UPTD PPA Kota Surabaya"
    assert "title_en" not in source
    assert source["region_path"] == ["35", "35.78", "35.78.01"]
    assert source["services"] == ["legal", "psychological"]
    assert source["location"] == {"lat": -7.33, "lon": 112.7}
    assert source["suggest"] == {
        "input": ["UPTD PPA Kota Surabaya"],
        "contexts": {"language": ["id"]},
    }


def test_a_page_without_region_or_location_leaves_them_out():
    document = SearchDocument(1, "Report", "Tell us", "en", "page", "/en/report/")
    source = PageDocument.from_search_document(document).to_dict()
    assert "location" not in source
    assert "region_path" not in source
    assert source["body_en"] == "Tell us"


def test_region_path_lists_the_region_and_every_region_above_it():
    assert region_path("35.78.01.1001") == ["35", "35.78", "35.78.01", "35.78.01.1001"]
    assert region_path("") == []


@override_settings(ELASTICSEARCH_INDEX_PREFIX="portal")
def test_full_text_query_is_fuzzy_boosts_titles_and_phrases_and_filters_language():
    body = build_search(make_request("kekerasn seksual", "id")).to_dict()
    should = body["query"]["bool"]["should"]
    fuzzy = should[0]["multi_match"]
    assert fuzzy["fuzziness"] == "AUTO"
    assert fuzzy["fields"] == ["title_id^4", "body_id"]
    assert fuzzy["query"] == "kekerasn seksual"
    phrase = should[1]["multi_match"]
    assert phrase["type"] == "phrase"
    assert body["query"]["bool"]["filter"] == [{"term": {"language": "id"}}]
    assert body["track_total_hits"] is True


def test_english_queries_search_the_english_fields():
    body = build_search(make_request("report", "en")).to_dict()
    assert body["query"]["bool"]["should"][0]["multi_match"]["fields"] == ["title_en^4", "body_en"]
    assert set(body["highlight"]["fields"]) == {"title_en", "body_en"}


def test_filters_become_term_filters_and_region_matches_sub_regions():
    request = make_request(
        "korban",
        "id",
        {"content_type": "service_unit", "region": "35.78", "service": "legal", "unit_kind": "ppt"},
    )
    filters = build_search(request).to_dict()["query"]["bool"]["filter"]
    assert filters == [
        {"term": {"language": "id"}},
        {"term": {"content_type": "service_unit"}},
        {"term": {"region_path": "35.78"}},
        {"term": {"services": "legal"}},
        {"term": {"unit_kind": "ppt"}},
    ]


def test_within_becomes_an_ids_filter():
    request = make_request("korban", "id", within=[12, 40])
    filters = build_search(request).to_dict()["query"]["bool"]["filter"]
    assert {"ids": {"values": ["12", "40"]}} in filters


def test_near_sorts_by_geo_distance_then_relevance():
    body = build_search(make_request("korban", "id", near=(-7.3, 112.7))).to_dict()
    assert body["sort"] == [
        {"_geo_distance": {"location": {"lat": -7.3, "lon": 112.7}, "order": "asc", "unit": "km"}},
        {"_score": {"order": "desc"}},
    ]
    assert "sort" not in build_search(make_request("korban", "id")).to_dict()


def test_facets_are_terms_aggregations_on_the_keyword_fields():
    aggs = build_search(make_request("korban", "id")).to_dict()["aggs"]
    assert aggs == {
        "content_type": {"terms": {"field": "content_type", "size": 50}},
        "region": {"terms": {"field": "region_code", "size": 50}},
        "service": {"terms": {"field": "services", "size": 50}},
        "unit_kind": {"terms": {"field": "unit_kind", "size": 50}},
    }


def test_counting_a_respelt_query_sends_only_the_filtered_query():
    # search.api counts what a suggested spelling would find before offering it.
    request = make_request("kekerasan", "id", {"region": "35"})
    body = build_count(request).to_dict(count=True)
    assert body == {"query": build_search(request).to_dict()["query"]}
    assert {"term": {"region_path": "35"}} in body["query"]["bool"]["filter"]


def test_paging_sets_from_and_size():
    body = build_search(make_request("korban", "id", page=3, page_size=10)).to_dict()
    assert body["from"] == 20
    assert body["size"] == 10


def test_spelling_suggestions_come_from_unstemmed_words():
    body = build_search(make_request("kekerasn", "id")).to_dict()
    assert body["suggest"]["spelling"] == {
        "text": "kekerasn",
        "term": {"field": "body_id.plain", "suggest_mode": "missing"},
    }


def test_autocomplete_uses_the_completion_suggester_in_the_reader_language():
    body = build_autocomplete("kekera", "id").to_dict()
    completion = body["suggest"]["titles"]["completion"]
    assert body["suggest"]["titles"]["prefix"] == "kekera"
    assert completion["field"] == "suggest"
    assert completion["contexts"] == {"language": ["id"]}
    assert completion["fuzzy"] == {"fuzziness": "AUTO"}


def test_nearby_units_filter_by_distance_and_sort_nearest_first():
    body = build_nearby(-7.3, 112.7, 10, "id").to_dict()
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"content_type": "service_unit"}} in filters
    geo = next(item["geo_distance"] for item in filters if "geo_distance" in item)
    assert geo == {"distance": "10km", "location": {"lat": -7.3, "lon": 112.7}}
    assert body["sort"][0]["_geo_distance"]["order"] == "asc"


def test_a_response_becomes_hits_facets_and_a_suggestion_with_escaped_highlights():
    from elasticsearch_dsl.response import Response

    request = make_request("kekerasn", "id")
    raw = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "max_score": 2.0,
            "hits": [
                {
                    "_index": "x",
                    "_id": "7",
                    "_score": 2.0,
                    "_source": {
                        "page_title": "Kenali kekerasan",
                        "page_text": "…",
                        "url": "/id/kenali/",
                        "content_type": "campaign",
                    },
                    "highlight": {"body_id": ["<b>\x02kekerasan\x03</b> seksual"]},
                }
            ],
        },
        "aggregations": {
            name: {
                "buckets": [{"key": "campaign", "doc_count": 1}] if name == "content_type" else []
            }
            for name in ("content_type", "region", "service", "unit_kind")
        },
        "suggest": {
            "spelling": [
                {
                    "text": "kekerasn",
                    "offset": 0,
                    "length": 8,
                    "options": [{"text": "kekerasan", "score": 0.8, "freq": 4}],
                }
            ]
        },
    }
    results = parse_response(request, Response(build_search(request), raw))
    assert results.total == 1
    hit = results.hits[0]
    assert hit.page_id == 7
    assert hit.snippet == "&lt;b&gt;<mark>kekerasan</mark>&lt;/b&gt; seksual"
    assert hit.title_highlighted == "Kenali kekerasan"
    assert results.facets["content_type"][0].value == "campaign"
    assert results.suggestion == "kekerasan"


def test_english_analyzers_stem_with_porter2_and_add_synonyms_only_at_search_time(index_body):
    analysis = index_body["settings"]["analysis"]
    assert analysis["analyzer"]["english_portal"]["filter"] == [
        "english_possessive_stemmer",
        "lowercase",
        "english_stop",
        "english_stemmer",
    ]
    assert analysis["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}
    search_filters = analysis["analyzer"]["english_portal_search"]["filter"]
    assert "english_synonyms" in search_filters
    assert "english_synonyms" not in analysis["analyzer"]["english_portal"]["filter"]
    assert analysis["filter"]["english_synonyms"]["type"] == "synonym_graph"


def test_every_language_field_has_an_unstemmed_sub_field_for_spelling(index_body):
    properties = index_body["mappings"]["properties"]
    for name in ("title_id", "body_id", "title_en", "body_en"):
        assert properties[name]["fields"]["plain"]["analyzer"] == "plain_words"
    assert index_body["settings"]["analysis"]["analyzer"]["plain_words"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase"],
    }


def test_a_new_index_gets_the_analyzers_and_mapping(index_body):
    from search.backends.elasticsearch import index_body as sent

    assert sent() == index_body
    assert sent()["settings"]["number_of_replicas"] == 0


@override_settings(ELASTICSEARCH_INDEX_PREFIX="portal")
def test_rebuilds_go_to_a_dated_index_behind_the_alias():
    import datetime

    from search.backends.elasticsearch import alias_name, dated_index_name

    moment = datetime.datetime(2026, 11, 24, 4, 30, 5, 123456, tzinfo=datetime.UTC)
    assert alias_name() == "portal-pages"
    assert dated_index_name(moment) == "portal-pages-20261124043005123456"
    # Later rebuilds sort after earlier ones.
    assert dated_index_name(moment + datetime.timedelta(seconds=1)) > dated_index_name(moment)


def test_the_alias_swap_moves_the_alias_in_one_call():
    from search.backends.elasticsearch import alias_swap

    actions = alias_swap("portal-pages", ["portal-pages-1", "portal-pages-2"], "portal-pages-3")
    assert actions == [
        {"remove": {"index": "portal-pages-1", "alias": "portal-pages"}},
        {"remove": {"index": "portal-pages-2", "alias": "portal-pages"}},
        {"add": {"index": "portal-pages-3", "alias": "portal-pages"}},
    ]
    # The first rebuild has no old index: the alias is simply added.
    assert alias_swap("portal-pages", [], "portal-pages-1") == [
        {"add": {"index": "portal-pages-1", "alias": "portal-pages"}}
    ]


@pytest.mark.django_db
def test_a_rebuild_writes_each_stored_entry_into_the_new_index(home_page):
    from content.models import HomePage
    from search.backends.elasticsearch import bulk_actions
    from search.indexing import index_documents
    from search.models import SearchEntry

    page = home_page.add_child(instance=HomePage(title="Rumah aman"))
    index_documents(
        [
            SearchDocument(
                page.pk,
                "Rumah aman",
                "Tempat berlindung",
                "id",
                "service_unit",
                "/id/x/",
                region_code="35.78",
                services=["shelter"],
                unit_kind="safe-house",
            )
        ]
    )
    entries = SearchEntry.objects.filter(page=page).prefetch_related("services")
    (action,) = bulk_actions(entries, "portal-pages-20261124")
    assert action["_index"] == "portal-pages-20261124"
    assert action["_id"] == page.pk
    source = action["_source"]
    assert source["title_id"] == "Rumah aman"
    assert source["services"] == ["shelter"]
    assert source["region_path"] == ["35", "35.78"]
    assert source["unit_kind"] == "safe-house"


def test_completion_options_become_titles_and_urls():
    from elasticsearch_dsl.response import Response

    from search.backends.elasticsearch import parse_autocomplete

    search = build_autocomplete("keker", "id")
    raw = {
        "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
        "suggest": {
            "titles": [
                {
                    "text": "keker",
                    "offset": 0,
                    "length": 5,
                    "options": [
                        {
                            "text": "Kenali kekerasan seksual",
                            "_index": "x",
                            "_id": "3",
                            "_score": 1.0,
                            "_source": {"page_title": "Kenali kekerasan seksual", "url": "/id/k/"},
                        }
                    ],
                }
            ]
        },
    }
    assert parse_autocomplete(Response(search, raw)) == [
        {"title": "Kenali kekerasan seksual", "url": "/id/k/"}
    ]


def test_highlighting_marks_whole_titles_and_one_body_fragment_with_placeholders():
    highlight = build_search(make_request("kekerasan", "id")).to_dict()["highlight"]
    # Placeholder tags, not HTML: the fragment is escaped first, then marked (_marked).
    assert highlight["pre_tags"] == ["\x02"]
    assert highlight["post_tags"] == ["\x03"]
    assert highlight["fields"]["title_id"] == {"number_of_fragments": 0}
    assert highlight["fields"]["body_id"] == {}
    assert highlight["fragment_size"] == 200
    assert highlight["number_of_fragments"] == 1
    # A page matched on its title alone still shows the start of its text.
    assert highlight["no_match_size"] == 200
