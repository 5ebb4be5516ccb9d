"""Fixtures of the production rig: the portal served by real processes on the test
database, with Redis, a task worker and stand-ins for outside services."""

import os

import pytest
from django.db import connection

from tests.forms.conftest import complaint_page, regions  # noqa: F401 (fixtures)
from tests.processes import database_url


@pytest.fixture
def process_env(django_db_serialized_rollback, transactional_db, tmp_path):
    """The environment of a portal process on this test's database (committed data:
    the test runs outside a transaction, and the database is flushed afterwards)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "LOG_LEVEL": "WARNING",
    }
