"""/healthz: 200 when every configured backing service answers, 503 otherwise.

Load balancers and the CDN probe this; it reports which part failed but never why
(no connection strings or error texts leave the process).
"""

import logging

from django.conf import settings
from django.core.cache import cache
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
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _search() -> None:
    from search.backends import get_backend

    get_backend().ping()


def checks() -> dict:
    """The checks that apply to this configuration, by name."""
    found = {"database": _database}
    if settings.REDIS_URL:
        found["cache"] = _cache
    if settings.ELASTICSEARCH_URL:
        found["search"] = _search
    return found


@never_cache
@require_GET
def healthz(request):
    results = {}
    for name, check in checks().items():
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
