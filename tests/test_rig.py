"""The rig itself: a lane that silently ran on the wrong database would prove nothing."""

from django.db import connection


def test_database_lane_runs_on_the_database_it_names(request, db):
    expected = {"sqlite": "sqlite", "postgres": "postgresql"}[request.config.getoption("--db")]
    assert connection.vendor == expected


def test_tests_run_with_the_test_profile_and_throwaway_keys(settings):
    assert settings.PORTAL_ENV == "test"
    assert len(settings.ENCRYPTION_KEYS) == 2
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
