"""Fixtures shared by every suite; suite-specific ones live beside their tests."""

import os
import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from content.models import HomePage


@pytest.fixture
def locales(db):
    """Indonesian (the default) and English, as the portal runs them."""
    indonesian = Locale.objects.get_or_create(language_code="id")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    return indonesian, english


@pytest.fixture
def home_page(locales):
    """The Indonesian home page as the root of the default site."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Satu Layanan", slug="beranda", locale=locales[0])
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


@pytest.fixture(autouse=True)
def rate_limit_windows_hold_still(monkeypatch):
    """django-ratelimit counts in fixed windows of the clock (a minute, an hour): a test
    that a busy machine slows across a window's edge would find its counters empty
    and see one request too many let through. Its window clock stands still for the
    test instead; the limits themselves, and the counters in the cache, are real.
    (Tests with portals in other processes use windows of a day.)"""
    from django_ratelimit import core

    now = time.time()
    monkeypatch.setattr(core, "time", SimpleNamespace(time=lambda: now))


def needs_shared_database(item) -> bool:
    """A test whose database other threads or processes open too: a live server's
    request threads, or servers started as subprocesses (marked ``processes``)."""
    return "live_server" in item.fixturenames or any(
        item.get_closest_marker(name) for name in ("e2e", "processes")
    )


def pytest_collection_modifyitems(items):
    """Every transactional test restores what the migrations made (serialized rollback).

    A transactional test ends with a flush, which empties every table; without the
    serialized rollback the flush re-creates content types and permissions but not
    Wagtail's root page, the locales or the staff groups, and a serialized test after
    it fails on the content types ("UNIQUE constraint failed"). Making it the rule
    keeps the outcome independent of the order xdist picks.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            item.add_marker(pytest.mark.django_db(**marker.kwargs, serialized_rollback=True))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, request, tmp_path_factory
):
    """On SQLite, a test database in a file when any selected test needs it shared.

    Django's test database on SQLite lives in memory, and a live server can then only
    reach it by sharing the test's one connection across threads, which SQLite does not
    support under concurrent queries ("no such savepoint", a duplicate user, a broken
    transaction). A file gives every thread and process its own connection; WAL and the
    busy timeout let them wait for each other instead of failing on a busy machine.
    """
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    if not any(needs_shared_database(item) for item in request.session.items):
        return
    folder = tmp_path_factory.mktemp("shared-db")
    database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
    database.setdefault("OPTIONS", {})["timeout"] = 60


@pytest.fixture(scope="session")
def redis_server():
    """Debian's redis-server on a free loopback port, for this test process.

    Skipped with the reason where it cannot run (``make test`` installs it where it
    can); under CI=true that is a failure, since a skipped test proves nothing.
    """
    from tests.redis import RedisNotAvailable, TemporaryRedis

    try:
        server = TemporaryRedis.start()
    except RedisNotAvailable as reason:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required under CI: {reason}")
        pytest.skip(f"Redis not available: {reason}")
    yield server
    server.stop()
