"""Fixtures for the search suites: the corpus in the database, and every backend.

``search_backend`` is parametrised: the database backend always (on whichever database
lane runs), Elasticsearch when ELASTICSEARCH_URL is set. Without it the Elasticsearch
cases are skipped with that reason; under CI=true a URL that does not answer fails
instead of skipping, so a broken cluster is never mistaken for a missing one.
"""

from __future__ import annotations

import os
import uuid

import pytest
from django.test import override_settings
from wagtail.models import Locale, Page

from content.models import HomePage, Region
from search.backends import backend_named, get_backend
from search.documents import SearchDocument
from search.indexing import index_documents
from tests.search.corpus import PAGES, REGIONS

BACKENDS = ["database", "elasticsearch"]


def elasticsearch_or_skip() -> str:
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip("Elasticsearch lane skipped: ELASTICSEARCH_URL is not set")
    from elasticsearch import Elasticsearch

    if not Elasticsearch(url, request_timeout=5).ping():
        message = f"ELASTICSEARCH_URL is set but {url} does not answer"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


class Corpus:
    """The corpus pages as stored, by key."""

    def __init__(self, pages: dict[str, Page], homes: dict[str, HomePage]):
        self.pages = pages
        self.homes = homes

    def key_of(self, page_id: int) -> str | None:
        return next((key for key, page in self.pages.items() if page.pk == page_id), None)


def document_of(page: Page, item) -> SearchDocument:
    return SearchDocument(
        page_id=page.pk,
        title=item.title,
        body=item.body,
        language=item.language,
        content_type=item.content_type,
        url=page.url_path,
        region_code=item.region,
        services=list(item.services),
        unit_kind=item.unit_kind,
        latitude=item.location[0] if item.location else None,
        longitude=item.location[1] if item.location else None,
        translation_key=str(page.translation_key),
    )


def build_corpus() -> Corpus:
    for code, name, level, parent in REGIONS:
        Region.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent}
        )
    root = Page.get_first_root_node()
    homes = {}
    for language in ("id", "en"):
        locale = Locale.objects.get_or_create(language_code=language)[0]
        homes[language] = root.add_child(
            instance=HomePage(
                title=f"Corpus {language}",
                slug=f"corpus-{language}-{uuid.uuid4().hex[:6]}",
                locale=locale,
            )
        )
    pages, documents = {}, []
    for item in PAGES:
        # A plain page carries each item: the search document holds what the portal's
        # page types would feed it (type, region, services), so the backends are tested
        # apart from the page models other parts of the portal own.
        page = homes[item.language].add_child(
            instance=HomePage(title=item.title, slug=item.key, locale=homes[item.language].locale)
        )
        pages[item.key] = page
        documents.append(document_of(page, item))
    index_documents(documents)
    return Corpus(pages, homes)


def destroy_corpus(corpus: Corpus) -> None:
    from search.models import SearchTerm

    for home in corpus.homes.values():
        Page.objects.get(pk=home.pk).delete()
    Region.objects.filter(code__in=[code for code, *_ in REGIONS]).delete()
    SearchTerm.objects.all().delete()


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    get_backend.cache_clear()
    with django_db_blocker.unblock():
        built = build_corpus()
    yield built
    with django_db_blocker.unblock():
        destroy_corpus(built)


@pytest.fixture(scope="module")
def elasticsearch_settings():
    """Settings for a throw-away index of this test module on the real cluster."""
    url = elasticsearch_or_skip()
    overrides = override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=url,
        ELASTICSEARCH_INDEX_PREFIX=f"test-{uuid.uuid4().hex[:10]}",
    )
    overrides.enable()
    get_backend.cache_clear()
    yield
    backend = get_backend()
    from search.backends.elasticsearch import alias_name

    backend.client.options(ignore_status=404).indices.delete(index=f"{alias_name()}-*")
    overrides.disable()
    get_backend.cache_clear()


def backend_holding_the_entries(request, django_db_blocker):
    """The backend of a ``params=BACKENDS`` fixture, holding every stored search entry
    (the database backend holds them already; Elasticsearch gets a throw-away index)."""
    if request.param != "elasticsearch":
        return backend_named("database")
    request.getfixturevalue("elasticsearch_settings")
    backend = get_backend()
    from search.models import SearchEntry

    with django_db_blocker.unblock():
        backend.rebuild(SearchEntry.objects.prefetch_related("services").iterator())
    return backend


@pytest.fixture(scope="module", params=BACKENDS)
def search_backend(request, corpus, django_db_blocker):
    """Each configured backend, holding the corpus."""
    return backend_holding_the_entries(request, django_db_blocker)
