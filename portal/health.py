"""Liveness (/healthz) and readiness (/readyz) of one web process.

- ``/healthz`` (liveness, the URL contract): 200 when the database and, where
  configured, the cache (REDIS_URL) and Elasticsearch answer; 503 otherwise.
- ``/readyz`` (readiness, for a load balancer deciding whether to send traffic here):
  every part this process needs, whether or not it is a separate service: the
  database, the cache, search and both storages (public media and sealed evidence),
  each written to and read back. 503 when any part fails.

Both name the part that failed and never why: no connection string, host name, path
or error text leaves the process (the reason goes to the log).
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def _search() -> None:
    from search.backends import get_backend

    get_backend().ping()


def _storage(alias: str):
    def check() -> None:
        storage = storages[alias]
        name = storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        try:
            with storage.open(name) as probe:
                if probe.read() != b"ok":
                    raise RuntimeError("storage did not return what was written")
        finally:
            storage.delete(name)

    return check


def liveness_checks() -> dict:
    """The checks of /healthz: the database, and the services configured beside it."""
    found = {"database": _database}
    if settings.REDIS_URL:
        found["cache"] = _cache
    if settings.ELASTICSEARCH_URL:
        found["search"] = _search
    return found


def readiness_checks() -> dict:
    """The checks of /readyz: every part a request may need."""
    return {
        "database": _database,
        "cache": _cache,
        "search": _search,
        "storage": _storage("default"),
        "private_storage": _storage("private"),
    }


def run(checks: dict) -> JsonResponse:
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:
            logger.exception("health check %s failed", name)
            results[name] = "fail"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": results}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def healthz(request):
    return run(liveness_checks())


@never_cache
@require_GET
def readyz(request):
    return run(readiness_checks())
