"""The background task worker's restart: nothing it was running is lost.

django-tasks' database backend marks a task RUNNING when a worker claims it and
SUCCESSFUL or FAILED when it ends. A worker killed in between (SIGKILL, an
out-of-memory kill, a machine lost) leaves the task RUNNING for ever: no worker picks
it up again. ``manage.py db_worker`` (portal/management/commands/db_worker.py) therefore
starts by putting back in the queue the tasks that its own worker id was running when
it stopped, so that a worker restarted under the same id (the default: the host name)
finishes them. That makes delivery at-least-once, so the tasks are idempotent:
indexing writes the same entry again; a staff notice is sent once per report and
address (forms/triage/notifications.py).
"""

from __future__ import annotations

import logging
import socket

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def default_worker_id() -> str:
    """Stable across restarts on one machine; run a second worker there with its own id."""
    return socket.gethostname()[:64] or "worker"


def requeue_interrupted(worker_id: str, backend_name: str) -> int:
    """Put back the tasks ``worker_id`` was running when it stopped; returns how many."""
    running = DBTaskResult.objects.running().filter(backend_name=backend_name)
    interrupted = [
        task.pk for task in running.only("pk", "worker_ids") if task.worker_ids[-1:] == [worker_id]
    ]
    if interrupted:
        DBTaskResult.objects.filter(pk__in=interrupted, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning(
            "worker %s: %d interrupted task(s) put back in the queue", worker_id, len(interrupted)
        )
    return len(interrupted)
