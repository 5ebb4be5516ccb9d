"""/healthz (liveness) and /readyz (readiness), with each part really down."""

import json

import pytest
from django.core.cache import caches
from django.core.files.storage import storages
from django.test import override_settings

from search.backends import get_backend
from tests.utils import CLOSED, UNREACHABLE_REDIS, UNREACHABLE_REDIS_CACHE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage_roots(settings, tmp_path):
    """The readiness probe writes into both storages: here, into throw-away folders."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    storages._storages.clear()
    yield
    storages._storages.clear()


def assert_names_no_place(response):
    body = response.content.decode()
    for secret in ("127.0.0.1", str(CLOSED), "redis://", "http://", "/tmp", "Error"):
        assert secret not in body


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@override_settings(REDIS_URL=UNREACHABLE_REDIS, CACHES=UNREACHABLE_REDIS_CACHE)
def test_healthz_answers_503_and_names_the_cache_when_redis_is_down(client):
    caches.close_all()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "cache": "fail"}}
    assert_names_no_place(response)


def test_readyz_answers_200_and_lists_every_part_when_all_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "search": "ok",
            "storage": "ok",
            "private_storage": "ok",
        },
    }
    assert "no-cache" in response["Cache-Control"]


def failed_parts(response) -> list[str]:
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "fail"
    return sorted(name for name, state in body["checks"].items() if state == "fail")


@override_settings(REDIS_URL=UNREACHABLE_REDIS, CACHES=UNREACHABLE_REDIS_CACHE)
def test_readyz_names_the_cache_when_redis_is_down(client):
    caches.close_all()
    response = client.get("/readyz")
    assert failed_parts(response) == ["cache"]
    assert_names_no_place(response)


def test_readyz_names_search_when_elasticsearch_does_not_answer(client, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{CLOSED}"
    settings.SEARCH_BACKEND = "elasticsearch"
    get_backend.cache_clear()
    try:
        response = client.get("/readyz")
    finally:
        get_backend.cache_clear()
    assert failed_parts(response) == ["search"]
    assert_names_no_place(response)


@pytest.mark.parametrize("alias", ["default", "private"])
def test_readyz_names_the_storage_whose_root_cannot_be_written(client, settings, tmp_path, alias):
    # A regular file where the storage expects its folder: not writable, even for root.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    stores = {**settings.STORAGES}
    stores[alias] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(blocker / "media")},
    }
    settings.STORAGES = stores
    storages._storages.clear()
    try:
        response = client.get("/readyz")
    finally:
        storages._storages.clear()
    assert failed_parts(response) == [{"default": "storage", "private": "private_storage"}[alias]]
    assert_names_no_place(response)
