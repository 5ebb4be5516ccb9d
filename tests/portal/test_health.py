import pytest
from django.core.cache import caches
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


# A Redis URL on a loopback port where nothing listens: the real client really fails.
UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


@override_settings(
    REDIS_URL=UNREACHABLE_REDIS,
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    },
)
def test_healthz_answers_503_and_names_the_cache_when_redis_is_down(client):
    caches.close_all()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "cache": "fail"}}


def test_healthz_does_not_leak_error_details(client):
    with override_settings(
        REDIS_URL=UNREACHABLE_REDIS,
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": UNREACHABLE_REDIS,
                "OPTIONS": {"socket_connect_timeout": 0.5},
            }
        },
    ):
        caches.close_all()
        body = client.get("/healthz").content.decode()
    assert "127.0.0.1" not in body
    assert "Error" not in body
