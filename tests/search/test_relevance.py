"""A floor under search quality: precision at 1 and mean reciprocal rank of the relevance
set on the test corpus (tests/search/relevance.py), per backend; the demo's set is
scored in test_relevance_demo.py (its own module: the corpus would share the tree)."""

import pytest

from search.api import search
from tests.search.relevance import DEMO_QUERIES, QUERIES, evaluate

pytestmark = pytest.mark.django_db

# Measured 2026-12-01 (see the README's benchmarks): a margin below each, so that a
# change that makes ranking clearly worse fails, while a reshuffled tie does not.
FLOORS = {
    "corpus": {"precision_at_1": 0.9, "mrr": 0.93},
    "demo": {"precision_at_1": 0.72, "mrr": 0.82},
}


def check(score, name, backend_name):
    # The bench (tests/bench/search_relevance.py) reads this line.
    print(f"\n{score.line(f'{name} on {backend_name}')}; misses: {score.misses}")
    floor = FLOORS[name]
    assert score.precision_at_1 >= floor["precision_at_1"], score.misses
    assert score.mrr >= floor["mrr"], score.misses


def test_the_relevance_sets_are_big_enough_and_bilingual():
    for cases in (QUERIES, DEMO_QUERIES):
        assert len(cases) >= 40
        assert {language for language, *_ in cases} == {"id", "en"}


def test_the_corpus_set_stays_above_the_floor(search_backend, corpus):
    def run(language, query):
        results = search(query, language, page_size=10, backend=search_backend)
        return [corpus.key_of(hit.page_id) for hit in results.hits]

    check(evaluate(run, QUERIES), "corpus", search_backend.name)
