"""The demo's relevance set (tests/search/relevance.py, DEMO_QUERIES) on each backend,
with the floors of test_relevance.py."""

import pytest
from django.core.management import call_command
from django.db import transaction

from search.api import search
from tests.search.conftest import BACKENDS, backend_holding_the_entries
from tests.search.relevance import DEMO_QUERIES, evaluate
from tests.search.test_relevance import check

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo portal, loaded once for the module and rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module", params=BACKENDS)
def demo_backend(request, demo, django_db_blocker):
    """Each configured backend, holding the demo's pages."""
    return backend_holding_the_entries(request, django_db_blocker)


def test_the_demo_set_stays_above_the_floor(demo_backend):
    def run(language, query):
        results = search(query, language, page_size=10, backend=demo_backend)
        return [hit.url for hit in results.hits]

    check(evaluate(run, DEMO_QUERIES), "demo", demo_backend.name)
