"""Fixtures shared by every suite; suite-specific ones live beside their tests."""

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


def needs_shared_database(item) -> bool:
    """A test whose database other threads open too: a live server's request threads."""
    return "live_server" in item.fixturenames or item.get_closest_marker("e2e") is not None


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
