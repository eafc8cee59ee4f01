"""REST API of the evaluation: /evaluation-rounds, /evaluations, their transitions (DESIGN §8)."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from ninja import Router, Schema, Status

from ticms.accounts.scope import get_visible_or_404
from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.paging import limit_param, listed, offset_param
from ticms.params import Id, Year
from ticms.workflow import rights

from . import services
from .exports import EVALUATIONS_EXPORT, ROUNDS_EXPORT
from .models import Evaluation, EvaluationRound, Rectification
from .rights import may_edit, may_write_report
from .selectors import evaluations_visible_to, rounds_visible_to
from .workflow import EVALUATION_FLOW, RECTIFICATION_FLOW, ROUND_FLOW

router = Router(tags=["evaluations"])


class RoundIn(Schema):
    year: Year
    materials_deadline: date
    title: str = ""
    center_ids: list[Id] | None = None


class MaterialsIn(Schema):
    self_assessment: str | None = None
    # {"2023": {"revenue": "1200", …}}; money in 万元 as in the forms
    indicator_data: dict[str, dict[str, str | int | float | None]] | None = None


def _d(value) -> str | None:
    return None if value is None else str(value)


def evaluation_transitions(ev: Evaluation, user) -> list[dict]:
    """What `user` may do with an evaluation now: the detail and a round's list both answer with this."""
    return [t.as_dict() for t in EVALUATION_FLOW.available(user, ev)]


def round_dict(rnd: EvaluationRound, user, *, with_evaluations: bool = False) -> dict:
    data = {
        "id": rnd.pk, "year": rnd.year, "title": rnd.title, "materials_deadline": rnd.materials_deadline.isoformat(),
        "indicator_version": rnd.indicator_version, "state": rnd.state, "state_label": rnd.get_state_display(),
        "available_transitions": [t.as_dict() for t in ROUND_FLOW.available(user, rnd)],
    }
    if with_evaluations:
        data["evaluations"] = [
            {"id": e.pk, "center_id": e.center_id, "center": e.center.official_name, "state": e.state,
             "total_score": _d(e.total_score), "grade": e.grade, "outcome": e.outcome,
             "available_transitions": evaluation_transitions(e, user)}
            for e in evaluations_visible_to(user).filter(round=rnd)
        ]
    return data


def evaluation_dict(ev: Evaluation, user) -> dict:
    rect = getattr(ev, "rectification", None)
    data = {
        "id": ev.pk, "round_id": ev.round_id, "year": ev.round.year, "center_id": ev.center_id,
        "center": ev.center.official_name, "center_status": ev.center.status, "due_on": ev.due_on.isoformat(),
        "period_start": ev.period_start.isoformat(), "period_end": ev.period_end.isoformat(),
        "data_years": ev.data_years, "state": ev.state, "state_label": ev.get_state_display(),
        "self_assessment": ev.self_assessment, "indicator_data": services.indicator_data_for_form(ev),
        "materials_overdue": ev.materials_overdue_flagged_on is not None,
        "scores": ev.scores, "total_score": _d(ev.total_score), "suggested_grade": ev.suggested_grade,
        "grade": ev.grade, "outcome": ev.outcome, "conclusion": ev.conclusion,
        "priority_support": ev.priority_support, "provincial_recommendation": ev.provincial_recommendation,
        "available_transitions": evaluation_transitions(ev, user),
        "may_edit": rights.as_dict(may_edit(user, ev)),
        "rectification": None,
    }
    if rect is not None:
        data["rectification"] = {
            "id": rect.pk, "state": rect.state, "requirements": rect.requirements,
            "deadline": rect.deadline.isoformat(), "report": rect.report,
            "overdue": rect.overdue_flagged_on is not None,
            "available_transitions": [t.as_dict() for t in RECTIFICATION_FLOW.available(user, rect)],
            "may_write_report": rights.as_dict(may_write_report(user, rect)),
        }
    return data


def evaluation_for(user, pk: int) -> Evaluation:
    """Evaluation `pk` through `user`'s scope (404 when invisible), for these routes and the workflow endpoint."""
    return get_visible_or_404(evaluations_visible_to(user), user, pk=pk)


def rectification_of(user, evaluation_id: int) -> Rectification:
    """The rectification of evaluation `evaluation_id`: the API addresses it by its evaluation."""
    rect = getattr(evaluation_for(user, evaluation_id), "rectification", None)
    if rect is None:
        raise ServiceError("no_rectification", "该评估没有整改要求。", status=404)
    return rect


@router.get("/evaluation-rounds", response=list[dict])
def list_rounds(request, response: HttpResponse, limit: int = limit_param(), offset: int = offset_param()):
    return listed(request, response, rounds_visible_to(request.auth).order_by("-year", "-pk"),
                  lambda r: round_dict(r, request.auth), export=ROUNDS_EXPORT, limit=limit, offset=offset)


@router.post("/evaluation-rounds", response={201: dict})
def create_round(request, payload: RoundIn):
    rnd = services.open_round(actor=request.auth, year=payload.year, title=payload.title,
                              materials_deadline=payload.materials_deadline, center_ids=payload.center_ids,
                              ip=client_ip(request))
    return Status(201, round_dict(rnd, request.auth, with_evaluations=True))


@router.get("/evaluation-rounds/{round_id}", response=dict)
def get_round(request, round_id: int):
    rnd = get_visible_or_404(rounds_visible_to(request.auth), request.auth, pk=round_id)
    if wants_xlsx(request):  # the evaluations of the round, as the caller sees them
        return EVALUATIONS_EXPORT.response(request, evaluations_visible_to(request.auth).filter(round=rnd).order_by(
            "due_on", "center__official_name", "pk"), filters={"评估批次": rnd.title})
    return round_dict(rnd, request.auth, with_evaluations=True)


@router.get("/evaluations/{evaluation_id}", response=dict)
def get_evaluation(request, evaluation_id: int):
    return evaluation_dict(evaluation_for(request.auth, evaluation_id), request.auth)


@router.patch("/evaluations/{evaluation_id}", response=dict)
def patch_evaluation(request, evaluation_id: int, payload: MaterialsIn):
    ev = services.update_materials(actor=request.auth, evaluation=evaluation_for(request.auth, evaluation_id),
                                   self_assessment=payload.self_assessment, indicator_data=payload.indicator_data,
                                   ip=client_ip(request))
    return get_evaluation(request, ev.pk)


class ReportIn(Schema):
    report: str


@router.put("/evaluations/{evaluation_id}/rectification/report", response=dict)
def put_report(request, evaluation_id: int, payload: ReportIn):
    rect = rectification_of(request.auth, evaluation_id)
    services.write_rectification_report(actor=request.auth, rectification=rect, report=payload.report,
                                        ip=client_ip(request))
    return get_evaluation(request, evaluation_id)
