"""The test rig's pytest plugin (loaded with ``-p tests.plugin`` from pyproject).

It runs before pytest-django loads the settings, which is the only moment the
environment can still choose them:

- every test process gets the ``test`` profile and throw-away secrets;
- ``--db=postgres`` starts a real PostgreSQL in a temporary directory with the
  machine's ``initdb``/``pg_ctl``, points DATABASE_URL at it, and stops it afterwards.
  Without those binaries every test is reported as skipped with the reason, so a
  missing lane is never silent.
"""

from __future__ import annotations

import base64
import os
import secrets

import pytest

from tests.postgres import PostgresNotAvailable, TemporaryPostgres

_server: TemporaryPostgres | None = None
_skip_reason: str | None = None


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="Database lane: sqlite (default) or postgres (started by the tests).",
    )


def _test_environment() -> dict[str, str]:
    def key() -> str:
        return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()

    return {
        "PORTAL_ENV": "test",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "RECEIPT_SECRET": secrets.token_urlsafe(50),
        "REGION_INDEX_SECRET": secrets.token_urlsafe(50),
        # Two keys, so that every test runs with rotation in the picture.
        "ENCRYPTION_KEYS": f"test2:{key()},test1:{key()}",
        "REFERRAL_INDEX_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    }


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    global _server, _skip_reason
    # A developer's shell may carry production variables; the tests own theirs.
    for name in ("DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "EMAIL_URL"):
        os.environ.pop(name, None)
    os.environ.update(_test_environment())
    if early_config.known_args_namespace.db == "postgres":
        try:
            _server = TemporaryPostgres.start()
        except PostgresNotAvailable as reason:
            _skip_reason = f"PostgreSQL lane skipped: {reason}"
        else:
            os.environ["DATABASE_URL"] = _server.url
    return (yield)


def pytest_report_header(config):
    if _server is not None:
        return [f"database: PostgreSQL {_server.version} (temporary, {_server.directory})"]
    if _skip_reason:
        return [_skip_reason]
    return ["database: SQLite (in memory)"]


def pytest_collection_modifyitems(config, items):
    if _skip_reason:
        marker = pytest.mark.skip(reason=_skip_reason)
        for item in items:
            item.add_marker(marker)


def pytest_unconfigure(config):
    global _server
    if _server is not None:
        _server.stop()
        _server = None
