"""The tasks the queue runs (Django's tasks framework; backend chosen by TICMS_TASK_BACKEND), and queueing the
scheduled jobs that are due."""

from django_tasks import task

from .events import notify
from .jobs import claim_due, run_job


@task()
def notify_task(event_seq: int) -> int:
    return len(notify(event_seq))


@task()
def run_job_task(name: str) -> str:
    return str(run_job(name))


def enqueue_due() -> list[str]:
    names = claim_due()
    for name in names:
        run_job_task.enqueue(name)
    return names
