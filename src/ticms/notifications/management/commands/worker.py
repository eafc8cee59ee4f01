"""`ticms worker`: works the task queue (messages, scheduled jobs) and runs the scheduler beside it.

With the database backend (the default) it is django-tasks-db's `db_worker`; with TICMS_TASK_BACKEND=redis it is
django-rq's `rqworker` with django-tasks-rq's job class. Either way a thread queues the scheduled jobs when due.
"""

import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from ticms.notifications import tasks


def _schedule_forever(stop: threading.Event, every: float) -> None:
    while not stop.is_set():
        try:
            tasks.enqueue_due()
        except Exception:  # noqa: BLE001 - a database hiccup must not kill the scheduler; it tries again

            logging.getLogger("ticms.notifications").exception("scheduler: could not queue due jobs")
        finally:
            close_old_connections()
        stop.wait(every)


class Command(BaseCommand):
    help = "运行后台任务处理进程（消息发送、定时任务）。--batch：处理完队列中的任务后退出。"

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="处理完现有任务后退出（不运行调度器）")
        parser.add_argument("--no-scheduler", action="store_true", help="不运行定时任务调度器")
        parser.add_argument("--schedule-every", type=float, default=30.0, help="调度器检查间隔（秒）")

    def handle(self, *args, **options):
        batch = options["batch"]
        stop = threading.Event()
        if not batch and not options["no_scheduler"]:
            threading.Thread(target=_schedule_forever, args=(stop, options["schedule_every"]), daemon=True,
                             name="ticms-scheduler").start()
        try:
            if settings.TICMS_TASK_BACKEND == "redis":
                kwargs = {"job_class": "django_tasks_rq.Job", "burst": batch}
                call_command("rqworker", "default", verbosity=options["verbosity"], **kwargs)
            else:
                kwargs = {"batch": batch, "reload": False, "startup_delay": False, "queue_name": "*"}
                call_command("db_worker", verbosity=options["verbosity"], **kwargs)
        finally:
            stop.set()
