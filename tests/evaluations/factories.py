"""Builders for evaluation tests: centers, rounds, evaluations at any state, panels with scores — all through
the services, so the records look exactly like the ones users make."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from tests.factories import user_with_role
from ticms.accounts.roles import Role
from ticms.centers.services import create_center
from ticms.evaluations import services
from ticms.evaluations.models import Evaluation, EvaluationRound
from ticms.evaluations.scoring import evaluation_system
from ticms.reviews import services as reviews
from ticms.reviews.subjects import describe

FIELD = "新能源"
_names = itertools.count(1)


def make_center(bureau, host_unit, *, recognized_on: date, status: str = "active", field: str = FIELD,
                name: str | None = None):
    return create_center(
        actor=bureau, role=Role.BUREAU_OFFICER, official_name=name or f"朔州市测试{next(_names)}技术创新中心",
        category="domain", field=field, host_unit=host_unit, lead_unit=host_unit, status=status,
        recognized_on=recognized_on,
    )


def open_round(bureau, year: int | None = None, **kwargs) -> EvaluationRound:
    year = year or timezone.localdate().year
    deadline = kwargs.pop("materials_deadline", timezone.localdate() + timedelta(days=30))
    return services.open_round(actor=bureau, year=year, materials_deadline=deadline, **kwargs)


def full_data(evaluation: Evaluation, **overrides) -> dict:
    """Complete indicator data (money in 万元): R&D ratio 10 %, plenty of transfers, firms, IP, staff."""
    row = {"revenue": "1000", "rd_investment": "100", "key_technologies": 2, "transfers": 4,
           "transfer_income": "50", "incubated_smes": 2, "ip_assets": 7, "fixed_staff": 40, "visiting_staff": 5}
    row.update(overrides)
    return {str(y): dict(row) for y in evaluation.data_years}


def submit_materials(applicant, evaluation: Evaluation, **overrides) -> Evaluation:
    services.update_materials(actor=applicant, evaluation=evaluation, self_assessment="三年来运行良好。",
                              indicator_data=full_data(evaluation, **overrides))
    return services.transition_evaluation(actor=applicant, evaluation=evaluation, name="submit")


def forward(county_officer, evaluation: Evaluation) -> Evaluation:
    return services.transition_evaluation(actor=county_officer, evaluation=evaluation, name="county_forward")


def make_experts(bureau, n: int, field: str = FIELD) -> list:
    users = []
    for _ in range(n):
        user = user_with_role(Role.EXPERT)
        reviews.create_expert(actor=bureau, name=f"专家{user.pk}", fields=[field], user=user)
        users.append(user)
    return users


def form_panel(bureau, evaluation: Evaluation, size: int):
    info = describe(evaluation)
    return reviews.form_panel(actor=bureau, subject=evaluation, size=size, field=evaluation.center.field,
                              excluded_org_ids=info.organisation_ids, purpose="evaluation")


def score_all(panel, fractions: list[Decimal | str]) -> None:
    """Each drawn expert declares no conflict and scores every expert indicator at `fraction` of its max."""
    evaluation = panel.subject
    indicators = evaluation_system(evaluation).expert_indicators
    assignments = list(panel.assignments.filter(active=True).select_related("expert__user").order_by("pk"))
    for a, fraction in zip(assignments, fractions, strict=True):
        user = a.expert.user
        reviews.declare(actor=user, assignment=a, no_conflict=True)
        scores = {i.code: str((i.weight * Decimal(str(fraction))).quantize(Decimal("0.01"))) for i in indicators}
        reviews.submit_opinion(actor=user, assignment=a, scores=scores, comment="运行良好。", recommendation="retain")


def to_scoring(bureau, county_officer, applicant, evaluation: Evaluation, fractions=("1", "1", "1"), **data):
    """Materials submitted, forwarded, panel formed and scored, state expert_scoring."""
    submit_materials(applicant, evaluation, **data)
    forward(county_officer, evaluation)
    if not hasattr(bureau, "_experts_made"):
        make_experts(bureau, max(len(fractions), 3) + 4)
        bureau._experts_made = True
    panel = form_panel(bureau, evaluation, len(fractions))
    services.transition_evaluation(actor=bureau, evaluation=evaluation, name="start_scoring")
    score_all(panel, list(fractions))
    return Evaluation.objects.get(pk=evaluation.pk)
