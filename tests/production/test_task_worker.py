"""The task worker killed mid-queue (SIGKILL) and restarted under the same id.

Indexing and staff-notice tasks are queued in the database (django-tasks' database
backend), a real ``manage.py db_worker`` runs them, and is killed while it is sending
a notice: the relay it talks to hangs after the first message. After the restart,
every task has run, the interrupted one included, and each has done its work exactly
once: one search entry per page, one notice per report and staff member.
"""

import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
import redis
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from content.models import ArticlePage
from search.models import SearchEntry
from tests.content.pages import publish
from tests.forms.conftest import make_report
from tests.forms.triage.conftest import make_staff
from tests.processes import ROOT
from tests.smtp import SMTPStandIn

pytestmark = pytest.mark.processes
WORKER_ID = "rig-worker"


@pytest.fixture
def relay():
    stand_in = SMTPStandIn()
    yield stand_in
    stand_in.stop()


@pytest.fixture
def worker_env(process_env, redis_server, relay, settings):
    """Tasks go to the database queue, here and in the worker; the worker mails the relay."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    redis.Redis.from_url(redis_server.url).flushall()
    return {
        **process_env,
        "TASKS_BACKEND": "database",
        "REDIS_URL": redis_server.url,
        "EMAIL_URL": relay.url,
    }


def start_worker(env, *options):
    command = [sys.executable, "manage.py", "db_worker", "--worker-id", WORKER_ID]
    command += ["--no-startup-delay", "--interval", "0.2", "--verbosity", "0", *options]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def wait_for(condition, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not reached within {seconds} s")


def statuses() -> Counter:
    return Counter(DBTaskResult.objects.values_list("status", flat=True))


def test_a_worker_killed_mid_queue_finishes_every_task_once_after_its_restart(
    worker_env, relay, regions, home_page
):
    officers = [
        make_staff(f"officer{n}", ["Triage officer"], [regions["31.71"]], on_duty=True)
        for n in range(2)
    ]
    village = regions["31.71.01.1001"]
    today = timezone.localdate()

    def article(n):
        return publish(
            home_page,
            ArticlePage(title=f"Kabar {n}", slug=f"kabar-{n}", date=today, summary="Kabar."),
        )

    pages = [article(n) for n in range(6)]
    reports = [make_report(village) for _ in range(3)]
    pages += [article(n) for n in range(6, 10)]
    assert SearchEntry.objects.filter(page__in=pages).count() == 0
    assert statuses()[TaskResultStatus.READY] >= len(pages) + len(reports)

    relay.hold(after_messages=1)  # the first notice goes out, the second hangs
    worker = start_worker(worker_env)
    try:
        wait_for(relay.waiting.is_set)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    interrupted = DBTaskResult.objects.get(status=TaskResultStatus.RUNNING)
    assert interrupted.task_path == "forms.triage.notifications.notify_new_report"
    assert statuses()[TaskResultStatus.READY] > 0
    assert len(relay.messages) == 1

    relay.release()
    restarted = start_worker(worker_env, "--batch")
    try:
        assert restarted.wait(timeout=300) == 0
    finally:
        if restarted.poll() is None:
            restarted.kill()

    assert statuses() == Counter({TaskResultStatus.SUCCESSFUL: sum(statuses().values())})
    for page in pages:
        assert SearchEntry.objects.filter(page=page).count() == 1, page.title
    received = Counter(address for recipients, _subject in relay.messages for address in recipients)
    assert received == {officer.email: len(reports) for officer in officers}
