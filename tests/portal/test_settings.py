"""Start-up behaviour of the settings, checked in a fresh interpreter as a deploy sees it."""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = base64.urlsafe_b64encode(b"k" * 32).decode()
PRODUCTION = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "RECEIPT_SECRET": secrets.token_urlsafe(50),
    "REGION_INDEX_SECRET": secrets.token_urlsafe(50),
    "ENCRYPTION_KEYS": f"k1:{KEY}",
    "REFERRAL_INDEX_KEY": secrets.token_urlsafe(32),
    "RECAPTCHA_PUBLIC_KEY": "site-key",
    "RECAPTCHA_PRIVATE_KEY": "secret-key",
    "ALLOWED_HOSTS": "lapor.example.go.id",
}


def deploy_environment(env: dict[str, str]) -> dict[str, str]:
    """The process environment a deploy would have: the test rig's variables removed.

    PORTAL_ENV is never "test" here, so a .env in the checkout may be read: every
    variable these tests depend on is set explicitly.
    """
    leaked = {
        *PRODUCTION,
        "DATABASE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "REDIS_URL",
        "SESSION_ENGINE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in leaked}
    clean.update(env, DJANGO_SETTINGS_MODULE="portal.settings")
    return clean


def start(env: dict[str, str], code: str = "print('started')") -> subprocess.CompletedProcess:
    """Load the settings and set Django up in a clean interpreter with exactly `env`."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=deploy_environment(env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_starts_with_all_its_secrets():
    result = start(PRODUCTION, "from django.conf import settings; print(settings.DEBUG)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False")


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ENCRYPTION_KEYS",
        "REFERRAL_INDEX_KEY",
        "RECAPTCHA_PRIVATE_KEY",
        "ALLOWED_HOSTS",
    ],
)
def test_production_refuses_to_start_without(missing):
    env = dict(PRODUCTION, **{missing: ""})
    result = start(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing.split("_")[0] in result.stderr


def test_production_refuses_googles_recaptcha_test_keys():
    env = dict(
        PRODUCTION,
        RECAPTCHA_PUBLIC_KEY="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI",
        RECAPTCHA_PRIVATE_KEY="6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
    )
    result = start(env)
    assert result.returncode != 0
    assert "test keys must not be used in production" in result.stderr


def test_production_is_https_only_with_hsts():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE)"
    )
    result = start(PRODUCTION, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["True", "True", "True", "True"]


def test_production_deploy_checks_pass():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=deploy_environment(PRODUCTION),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_off_unless_asked():
    env = {
        "PORTAL_ENV": "development",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "RECEIPT_SECRET": secrets.token_urlsafe(50),
        "REGION_INDEX_SECRET": secrets.token_urlsafe(50),
        "ENCRYPTION_KEYS": f"k1:{KEY}",
    }
    code = "from django.conf import settings; print(settings.DEBUG)"
    assert start({**env, "DEBUG": ""}, code).stdout.strip().endswith("False")
    assert start({**env, "DEBUG": "true"}, code).stdout.strip().endswith("True")


def test_database_url_switches_to_postgresql():
    env = dict(PRODUCTION, DATABASE_URL="postgres://satu:pw@db.internal:5432/satu")
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = start(env, code)
    assert result.stdout.strip().endswith("django.db.backends.postgresql")


def test_redis_and_elasticsearch_urls_switch_cache_and_search():
    env = dict(
        PRODUCTION, REDIS_URL="redis://cache.internal:6379/0", ELASTICSEARCH_URL="http://es:9200"
    )
    code = (
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.SEARCH_BACKEND)"
    )
    result = start(env, code)
    assert result.stdout.split()[-2:] == ["django_redis.cache.RedisCache", "elasticsearch"]


def test_sessions_stay_in_the_database_unless_told_otherwise():
    code = "from django.conf import settings as s; print(s.SESSION_ENGINE)"
    assert start(PRODUCTION, code).stdout.split()[-1] == "django.contrib.sessions.backends.db"
    env = dict(PRODUCTION, REDIS_URL="redis://cache.internal:6379/0", SESSION_ENGINE="cached_db")
    assert start(env, code).stdout.split()[-1] == "django.contrib.sessions.backends.cached_db"


@pytest.mark.parametrize("engine", ["cache", "cached_db"])
def test_production_refuses_sessions_in_a_cache_that_processes_do_not_share(engine):
    result = start(dict(PRODUCTION, SESSION_ENGINE=engine))
    assert result.returncode != 0
    assert "SESSION_ENGINE" in result.stderr


def test_an_unknown_session_engine_stops_start_up():
    result = start(dict(PRODUCTION, SESSION_ENGINE="file"))
    assert result.returncode != 0
    assert "SESSION_ENGINE must be db, cached_db or cache" in result.stderr


def test_purge_backends_come_from_the_environment():
    env = dict(
        PRODUCTION,
        FRONTEND_CACHE_URL="http://varnish.internal:6081",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_API_TOKEN="token",
    )
    code = "from django.conf import settings as s; print(*sorted(s.WAGTAILFRONTENDCACHE))"
    assert start(env, code).stdout.split()[-2:] == ["cloudflare", "http"]


def test_a_cloudflare_zone_without_its_token_stops_start_up():
    result = start(dict(PRODUCTION, CLOUDFLARE_ZONE_ID="zone"))
    assert result.returncode != 0
    assert "CLOUDFLARE_API_TOKEN is required" in result.stderr


def test_debug_in_production_stops_start_up():
    result = start({**PRODUCTION, "DEBUG": "true"})
    assert result.returncode != 0
    assert "DEBUG must not be true in production" in result.stderr


@pytest.mark.parametrize("command", ["demo --no-serve", "load_demo"])
def test_the_demo_commands_refuse_to_run_in_production(command):
    code = (
        "from django.core.management import call_command, CommandError\n"
        f"try: call_command(*{command.split()!r})\n"
        "except CommandError as e: print('refused:', e)"
    )
    result = start({**PRODUCTION, "DATABASE_URL": "sqlite:///:memory:"}, f"exec({code!r})")
    assert "refused:" in result.stdout, result.stderr[-2000:]
    assert "never in production" in result.stdout


def test_former_secret_keys_come_from_the_environment_after_a_rotation():
    # Without its former value among the fallbacks, a rotation signs every staff
    # member out and breaks every signed link in flight.
    env = dict(PRODUCTION, SECRET_KEY_FALLBACKS="old-key-one,old-key-two")
    code = "from django.conf import settings as s; print(s.SECRET_KEY_FALLBACKS)"
    result = start(env, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['old-key-one', 'old-key-two']"
