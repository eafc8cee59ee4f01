"""Scoped reads of the evaluation app (lists built for their tables: no query per row)."""

from __future__ import annotations

from collections import Counter, defaultdict

from .models import Evaluation, EvaluationRound, EvaluationState, Outcome, Rectification, RectificationState

# What is overdue, on the dashboard's tiles and on the lists they open (one definition, so a tile's number is the
# number of rows it opens): materials not in (pending or returned to the unit) after the round's deadline; a
# rectification not closed after its deadline (the report not in, or in and not yet verified).
OVERDUE_EVALUATION_STATES = (EvaluationState.MATERIALS_PENDING, EvaluationState.RETURNED)
OVERDUE_RECTIFICATION_STATES = (RectificationState.PENDING_REPORT, RectificationState.REPORT_SUBMITTED)


def rounds_visible_to(user):
    return EvaluationRound.objects.visible_to(user).distinct()


def evaluations_visible_to(user):
    return Evaluation.objects.visible_to(user).select_related("round", "center", "center__host_unit")


def rectifications_visible_to(user):
    return Rectification.objects.visible_to(user).select_related("evaluation__center", "evaluation__round")


def overdue_evaluations(qs, today):
    return qs.filter(state__in=OVERDUE_EVALUATION_STATES, round__materials_deadline__lt=today)


def overdue_rectifications(qs, today):
    return qs.filter(state__in=OVERDUE_RECTIFICATION_STATES, deadline__lt=today)


def round_results(round_: EvaluationRound, user) -> dict:
    """Every visible evaluation of the round with scores, grade and outcome, and summaries by outcome and field."""
    rows = list(
        evaluations_visible_to(user).filter(round=round_).select_related("rectification")
        .order_by("-total_score", "center__official_name")
    )
    by_outcome = Counter(e.outcome or "pending" for e in rows)
    by_field: dict[str, Counter] = defaultdict(Counter)
    for e in rows:
        by_field[e.center.field][e.outcome or "pending"] += 1
    outcomes = [(o.value, o.label) for o in Outcome] + [("pending", "未出结论")]
    return {
        "rows": rows,
        "outcomes": outcomes,
        "by_outcome": [(label, by_outcome.get(code, 0)) for code, label in outcomes],
        "by_field": [
            (field_name, [counts.get(code, 0) for code, _ in outcomes])
            for field_name, counts in sorted(by_field.items())
        ],
    }
