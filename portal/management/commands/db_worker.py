"""``manage.py db_worker``: django-tasks' database worker, which first puts back in the
queue the tasks it was running when it last stopped (see portal/worker.py)."""

from django_tasks_db.management.commands import db_worker

from portal.worker import default_worker_id, requeue_interrupted


class Command(db_worker.Command):
    help = (
        "Run the database task worker. It first re-queues the tasks this worker id was "
        "running when it stopped; keep the id stable across restarts (default: host name)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=default_worker_id())

    def handle(self, *args, **options):
        requeue_interrupted(options["worker_id"], options["backend_name"])
        return super().handle(*args, **options)
