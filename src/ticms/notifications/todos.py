"""The system admin's workbench warns of scheduled jobs that have not run for more than a day."""

from django.urls import reverse
from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.web import workbench

from .jobs import stale_jobs


def stale_job_todos(user) -> list[workbench.TodoSection]:
    if not user.has_role(Role.SYSTEM_ADMIN):
        return []
    url = reverse("notifications:jobs")
    items = []
    for job, row in stale_jobs():
        when = (f"上次完成于 {timezone.localtime(row.last_finished_at):%Y-%m-%d %H:%M}"
                if row.last_finished_at else "从未运行")
        items.append(workbench.TodoItem(label=f"定时任务“{job.label}”超过一天未运行", url=url, note=when,
                                        state_label="警告"))
    if not items:
        return []
    return [workbench.TodoSection(title="定时任务告警", items=items, role=Role.SYSTEM_ADMIN,
                                  empty_text="定时任务运行正常。")]
