"""The tasks the queue runs (Django's tasks framework; backend chosen by TICMS_TASK_BACKEND)."""

from django_tasks import task


@task()
def notify_task(event_seq: int) -> int:
    from .services import notify

    return len(notify(event_seq))


@task()
def run_job_task(name: str) -> str:
    from .jobs import run_job

    return str(run_job(name))
