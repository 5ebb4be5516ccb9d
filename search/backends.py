"""The search backends behind the portal's one search API.

settings.SEARCH_BACKEND chooses: "database" (Wagtail's database search, the embedded
default) or "elasticsearch" (an Elasticsearch 8 cluster at ELASTICSEARCH_URL).
"""

from functools import cache

from django.conf import settings


class SearchUnavailable(RuntimeError):
    """The configured search service did not answer."""


class DatabaseBackend:
    name = "database"

    def ping(self) -> None:
        # The database backend lives in the portal's own database, which /healthz
        # already checks; there is nothing more to reach.
        return None


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url: str):
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch(url, request_timeout=5)

    def ping(self) -> None:
        if not self.client.ping():
            raise SearchUnavailable("Elasticsearch did not answer the ping")


@cache
def get_backend():
    if settings.SEARCH_BACKEND == "elasticsearch":
        return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    return DatabaseBackend()
