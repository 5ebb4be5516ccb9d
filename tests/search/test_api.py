"""The one shared search suite: the same tests on every configured backend."""

import pytest

from search.api import search

pytestmark = pytest.mark.django_db


def keys(results, corpus):
    return [corpus.key_of(hit.page_id) for hit in results.hits]


def facet(results, name):
    return {value.value: value.count for value in results.facets.get(name, [])}


@pytest.mark.parametrize("query", ["lapor", "pelaporan", "melapor", "laporan"])
def test_every_form_of_lapor_finds_the_reporting_page_first(search_backend, corpus, query):
    results = search(query, "id", backend=search_backend)
    assert keys(results, corpus)[0] == "lapor"


def test_kekerasan_seksual_ranks_sexual_violence_before_other_violence(search_backend, corpus):
    found = keys(search("kekerasan seksual", "id", backend=search_backend), corpus)
    assert found[0] == "kekerasan-seksual"
    # Pages about other violence still match "kekerasan", but after it.
    assert "kdrt" in found
    assert found.index("kdrt") > 0


def test_english_queries_stem_english_words(search_backend, corpus):
    found = keys(search("counselling survivors", "en", backend=search_backend), corpus)
    assert found[0] == "en-counselling"


def test_results_stay_in_the_reader_language(search_backend, corpus):
    indonesian = keys(search("SAPA 129", "id", backend=search_backend), corpus)
    english = keys(search("SAPA 129", "en", backend=search_backend), corpus)
    assert indonesian and english
    assert all(not key.startswith("en-") for key in indonesian)
    assert all(key.startswith("en-") for key in english)


def test_snippets_mark_the_matching_words_and_escape_the_rest(search_backend, corpus):
    results = search("perundungan", "id", backend=search_backend)
    hit = results.hits[0]
    assert corpus.key_of(hit.page_id) == "perundungan"
    assert "<mark>Perundungan</mark>" in hit.snippet
    assert "<mark>perundungan</mark>" in hit.title_highlighted.lower()


def test_filter_by_content_type(search_backend, corpus):
    results = search("kekerasan", "id", {"content_type": "campaign"}, backend=search_backend)
    assert results.total >= 2
    assert {hit.content_type for hit in results.hits} == {"campaign"}


def test_region_filter_includes_sub_regions(search_backend, corpus):
    # The Surabaya unit and puskesmas sit in a district of Surabaya (35.78.01), the news
    # item on Surabaya itself, the safe house on the province: a filter on the city
    # finds the first three and not the province-wide page.
    results = search("korban", "id", {"region": "35.78"}, backend=search_backend)
    found = set(keys(results, corpus))
    assert {"unit-uptd-surabaya", "unit-puskesmas", "uptd-malam"} <= found
    assert "unit-rumah-aman" not in found
    assert "unit-lbh-jakarta" not in found


def test_filter_by_service_and_unit_kind(search_backend, corpus):
    legal = keys(search("korban", "id", {"service": "legal"}, backend=search_backend), corpus)
    assert set(legal) == {"unit-uptd-surabaya", "unit-lbh-jakarta"}
    kind = search("korban", "id", {"unit_kind": "puskesmas"}, backend=search_backend)
    assert keys(kind, corpus) == ["unit-puskesmas"]


def test_facets_count_the_filtered_results(search_backend, corpus):
    results = search("korban", "id", backend=search_backend)
    types = facet(results, "content_type")
    assert sum(types.values()) == results.total
    assert types["service_unit"] == 4
    assert facet(results, "service")["legal"] == 2
    assert facet(results, "unit_kind")["safe-house"] == 1
    # Regions roll up to provinces when no region is chosen.
    regions = facet(results, "region")
    assert regions["35"] == 4
    assert regions["31"] == 2
    narrowed = search("korban", "id", {"region": "35"}, backend=search_backend)
    assert facet(narrowed, "region") == {"35.78": 3}
    assert next(v.label for v in narrowed.facets["region"]) == "Kota Surabaya"


def test_paging_splits_the_same_ordering(search_backend, corpus):
    everything = search("korban", "id", page_size=50, backend=search_backend)
    first = search("korban", "id", page=1, page_size=3, backend=search_backend)
    second = search("korban", "id", page=2, page_size=3, backend=search_backend)
    assert first.total == second.total == everything.total > 3
    combined = [hit.page_id for hit in first.hits + second.hits]
    assert combined == [hit.page_id for hit in everything.hits[:6]]
    assert first.has_next and second.has_previous


def test_nothing_found_for_words_no_page_uses(search_backend, corpus):
    results = search("zyxwvut", "id", backend=search_backend)
    assert results.total == 0
    assert results.hits == []


def test_empty_query_finds_nothing(search_backend, corpus):
    assert search("   ", "id", backend=search_backend).total == 0


def test_a_typo_gets_a_suggestion_or_fuzzy_results(search_backend, corpus):
    results = search("kekerasn seksual", "id", backend=search_backend)
    if search_backend.name == "database":
        # The database backend matches stems exactly: "kekerasn" finds nothing by
        # itself, so the respelling finds far more and is offered.
        assert results.suggestion == "kekerasan seksual"
    else:
        # Elasticsearch's fuzzy matching already finds what the right spelling would.
        assert keys(results, corpus)[0] == "kekerasan-seksual"


def test_a_single_misspelt_word_finds_its_pages_through_the_suggestion(search_backend, corpus):
    typo = search("kekerasn", "id", backend=search_backend)
    if search_backend.name == "database":
        assert typo.total == 0
        assert typo.suggestion == "kekerasan"
        assert search(typo.suggestion, "id", backend=search_backend).total > 0
    else:
        assert typo.total == search("kekerasan", "id", backend=search_backend).total


def test_a_correct_query_gets_no_suggestion(search_backend, corpus):
    assert search("kekerasan seksual", "id", backend=search_backend).suggestion is None


def test_a_suggestion_that_finds_nothing_with_the_filters_is_not_offered(search_backend, corpus):
    # No news item says "kekerasan": sending the reader there would find nothing.
    results = search("kekerasn", "id", {"content_type": "news"}, backend=search_backend)
    assert results.total == 0
    assert results.suggestion is None


def test_markup_in_the_query_is_not_reflected(search_backend, corpus):
    results = search("<script>alert(1)</script> perundungan", "id", backend=search_backend)
    for hit in results.hits:
        assert "<script>" not in hit.snippet
        assert "<script>" not in hit.title_highlighted


def test_a_synonym_finds_the_page_that_uses_another_word(search_backend, corpus):
    # "mengadu" (to complain) appears on no page; the reporting page says "lapor".
    assert keys(search("mengadu", "id", backend=search_backend), corpus)[0] == "lapor"


def test_within_keeps_only_the_given_pages(search_backend, corpus):
    from wagtail.models import Page

    allowed = [corpus.pages["unit-puskesmas"].pk, corpus.pages["unit-lbh-jakarta"].pk]
    # The service directory passes a queryset (its open units); a list works as well.
    for within in (allowed, Page.objects.filter(pk__in=allowed).values_list("pk", flat=True)):
        results = search("korban", "id", within=within, backend=search_backend)
        assert set(keys(results, corpus)) == {"unit-puskesmas", "unit-lbh-jakarta"}
        assert results.total == 2
        assert sum(value.count for value in results.facets["content_type"]) == 2


def test_near_orders_nearest_first_and_pages_without_a_location_last(search_backend, corpus):
    at_the_puskesmas = (-7.3350, 112.6950)
    results = search(
        "korban",
        "id",
        {"content_type": "service_unit"},
        near=at_the_puskesmas,
        backend=search_backend,
    )
    assert keys(results, corpus) == [
        "unit-puskesmas",
        "unit-uptd-surabaya",  # 0.8 km
        "unit-lbh-jakarta",  # 660 km
        "unit-rumah-aman",  # publishes no location
    ]
    second = search(
        "korban",
        "id",
        {"content_type": "service_unit"},
        page=2,
        page_size=3,
        near=at_the_puskesmas,
        backend=search_backend,
    )
    assert keys(second, corpus) == ["unit-rumah-aman"]
