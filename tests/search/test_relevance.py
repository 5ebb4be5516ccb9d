"""A floor under search quality: the relevance set's mean reciprocal rank, per backend."""

import pytest

from search.api import search
from tests.search.relevance import QUERIES, evaluate

pytestmark = pytest.mark.django_db

# Measured 2026-11-24 (see the report): keep a margin below it so that a change that
# makes ranking clearly worse fails, while a reshuffled tie does not.
FLOORS = {"database": 0.8, "elasticsearch": 0.8}


def test_the_relevance_set_is_big_enough_and_bilingual():
    assert len(QUERIES) >= 30
    assert {language for language, *_ in QUERIES} == {"id", "en"}


def test_mean_reciprocal_rank_stays_above_the_floor(search_backend, corpus):
    def run(language, query):
        results = search(query, language, page_size=10, backend=search_backend)
        return [corpus.key_of(hit.page_id) for hit in results.hits]

    mrr, misses = evaluate(run)
    print(f"\nMRR on {search_backend.name}: {mrr:.3f}; misses: {misses}")
    assert mrr >= FLOORS[search_backend.name], misses
