"""Daily deadline work for `ticms tick` (idempotent: each record is flagged once, on the day it first is).

Flags evaluations whose materials are overdue and rectifications whose deadline has passed without a
re-check verdict, each with an audit event (actor none, role "system"); lists the centers due this year that
no round covers yet. The workbench reads the flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ticms.accounts.roles import SYSTEM_ROLE
from ticms.audit import services as audit

from .models import Evaluation, EvaluationRound, EvaluationState, Rectification, RectificationState
from .schedule import due_queryset, with_due_dates


@dataclass
class TickReport:
    today: date
    materials_overdue: list[Evaluation] = field(default_factory=list)
    rectifications_overdue: list[Rectification] = field(default_factory=list)
    due_uncovered: list[tuple] = field(default_factory=list)


def uncovered_due_queryset(year: int):
    """Centers due in `year` that are not in that year's round (none open yet, or added later), as a query."""
    covered = Evaluation.objects.filter(round__year=year, center=OuterRef("pk"))
    return due_queryset(year).exclude(Exists(covered))


def uncovered_due_centers(year: int) -> list[tuple]:
    return with_due_dates(uncovered_due_queryset(year).select_related("host_unit"), year)


@transaction.atomic
def run(today: date | None = None) -> TickReport:
    today = today or timezone.localdate()
    report = TickReport(today=today)
    overdue = (
        Evaluation.objects.select_for_update()
        .filter(state__in=[EvaluationState.MATERIALS_PENDING, EvaluationState.RETURNED],
                round__materials_deadline__lt=today, materials_overdue_flagged_on__isnull=True)
        .select_related("round", "center")
    )
    for ev in overdue:
        ev.materials_overdue_flagged_on = today
        ev.save(update_fields=["materials_overdue_flagged_on"])
        audit.record("evaluation.materials_overdue", actor=None, role=SYSTEM_ROLE, obj=ev, data={
            "deadline": ev.round.materials_deadline.isoformat(), "flagged_on": today.isoformat(), "article": "16",
        })
        report.materials_overdue.append(ev)
    rects = (
        Rectification.objects.select_for_update()
        .filter(state__in=[RectificationState.PENDING_REPORT, RectificationState.REPORT_SUBMITTED],
                deadline__lt=today, overdue_flagged_on__isnull=True)
        .select_related("evaluation__center")
    )
    for rect in rects:
        rect.overdue_flagged_on = today
        rect.save(update_fields=["overdue_flagged_on"])
        audit.record("rectification.deadline_passed", actor=None, role=SYSTEM_ROLE, obj=rect, data={
            "deadline": rect.deadline.isoformat(), "state": rect.state, "flagged_on": today.isoformat(),
            "article": "16",
        })
        report.rectifications_overdue.append(rect)
    report.due_uncovered = uncovered_due_centers(today.year)
    return report


def open_round_exists(year: int) -> bool:
    return EvaluationRound.objects.filter(year=year).exists()
