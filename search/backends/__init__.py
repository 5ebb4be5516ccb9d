"""The search backends behind the portal's one search API (search.api).

settings.SEARCH_BACKEND chooses: "database" (Wagtail's database search, the embedded
default) or "elasticsearch" (an Elasticsearch 8 cluster at ELASTICSEARCH_URL). Each
backend offers the same methods: ``ping``, ``search``, ``index``, ``remove``,
``remove_id`` and ``rebuild``.
"""

from functools import cache

from django.conf import settings


class SearchUnavailable(RuntimeError):
    """The configured search service did not answer."""


def backend_named(name: str):
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


@cache
def get_backend():
    return backend_named(settings.SEARCH_BACKEND)
