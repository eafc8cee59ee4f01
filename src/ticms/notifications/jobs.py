"""Scheduled jobs (tick, reminders, message retries): what runs them, their last run and next run.

`ticms worker` runs a small scheduler beside the queue's worker: every half minute it claims each job that is due
(moving `next_run_at` on under a conditional update, so of several workers one claims it) and queues it. The
system admin's jobs page shows each job and runs one now; a job not run for over a day warns on the workbench.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from ticms.audit.models import Event
from ticms.evaluations import tick

from . import channels, reminders
from .events import sweep_unnotified
from .models import ScheduledJob

STALE_AFTER = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    every: datetime.timedelta
    run: Callable[[], str]


def _tick() -> str:
    report = tick.run()
    return (f"材料逾期 {len(report.materials_overdue)}，整改逾期 {len(report.rectifications_overdue)}，"
            f"到期未纳入批次 {len(report.due_uncovered)}")


def _reminders() -> str:
    return f"发送提醒 {reminders.run()['reminders']} 条"


def _retries() -> str:
    swept = sweep_unnotified()
    counts = channels.retry_due()
    return f"补发事件 {swept} 件，重试发送成功 {counts['sent']}，仍失败 {counts['failed']}"


JOBS: dict[str, Job] = {
    "tick": Job("tick", "每日到期处理（ticms tick）", datetime.timedelta(days=1), _tick),
    "reminders": Job("reminders", "期限提醒", datetime.timedelta(hours=1), _reminders),
    "retries": Job("retries", "消息重试发送", datetime.timedelta(minutes=5), _retries),
}


def state(name: str) -> ScheduledJob:
    job, _ = ScheduledJob.objects.get_or_create(name=name)
    return job


def run_job(name: str, fn: Callable[[], object] | None = None) -> object:
    """Run job `name` now (its own function, or `fn` for a caller such as `ticms tick` that prints the result)
    and record start, duration, result and the next run."""
    job = JOBS[name]
    row = state(name)
    started = timezone.now()
    t0 = time.monotonic()
    ScheduledJob.objects.filter(pk=row.pk).update(last_started_at=started)
    try:
        result = (fn or job.run)()
    except Exception as exc:
        _finish(row, started, t0, ok=False, result=f"{type(exc).__name__}: {exc}")
        raise
    _finish(row, started, t0, ok=True, result=str(result if fn is None else "完成"))
    return result


def _finish(row, started, t0, *, ok: bool, result: str) -> None:
    now = timezone.now()
    ScheduledJob.objects.filter(pk=row.pk).update(
        last_finished_at=now, last_duration_ms=int((time.monotonic() - t0) * 1000), last_ok=ok,
        last_result=result[:2000], next_run_at=started + JOBS[row.name].every)


def claim_due(now: datetime.datetime | None = None) -> list[str]:
    """Names of the due jobs this caller won (each is moved on by its interval, so nobody else queues it)."""
    now = now or timezone.now()
    won = []
    for name, job in JOBS.items():
        row = state(name)
        due = row.next_run_at is None or row.next_run_at <= now
        if not due:
            continue
        moved = ScheduledJob.objects.filter(
            Q(next_run_at__isnull=True) | Q(next_run_at__lte=now), pk=row.pk).update(next_run_at=now + job.every)
        if moved:
            won.append(name)
    return won


def stale_jobs(now: datetime.datetime | None = None) -> list[tuple[Job, ScheduledJob]]:
    """Jobs that have not finished a run for more than a day. A job that never ran counts once the installation
    is more than a day old (its first audit event): on day one the worker may simply not have started yet."""

    now = now or timezone.now()
    rows = {row.name: row for row in ScheduledJob.objects.all()}
    out = []
    in_use_since = None
    for name, job in JOBS.items():
        row = rows.get(name) or ScheduledJob(name=name)
        if row.last_finished_at is None:
            if in_use_since is None:
                in_use_since = Event.objects.order_by("seq").values_list("at", flat=True).first() or now
            if now - in_use_since > STALE_AFTER:
                out.append((job, row))
        elif now - row.last_finished_at > STALE_AFTER:
            out.append((job, row))
    return out
