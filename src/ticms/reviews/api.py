"""REST API of expert review: panels, assignments (declaration, replacement, opinion), the expert pool."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from ticms.accounts.roles import Role, require_role
from ticms.accounts.scope import get_visible_or_404
from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.paging import limit_param, offset_param, page
from ticms.params import Id
from ticms.workflow.endpoints import ENDPOINTS, fire

from . import services
from .exports import EXPERTS_EXPORT
from .models import Assignment, Expert, Panel
from .purposes import recommendation_label
from .selectors import can_see_details, experts_in_field, panel_result, panels_of_subject
from .subjects import describe, resolve
from .workflow import ASSIGNMENT_FLOW

router = Router(tags=["reviews"])

DEFAULT_PURPOSE = {"application": "recognition", "evaluation": "evaluation"}


class ExclusionIn(Schema):
    expert_id: Id
    reason: str = Field("", max_length=500)


class PanelIn(Schema):
    """No `seed`: the system makes it. A request that sends one is refused (422 `seed_not_accepted`)."""

    subject_type: str = Field(..., description="application | evaluation")
    subject_id: int
    size: int
    field: str | None = Field(None, description="默认取评审对象的领域")
    purpose: str | None = Field(None, description="recognition | evaluation；默认按对象类型")
    site_visit_at: datetime.datetime | None = None
    site_visit_place: str = Field("", max_length=200)
    defence_at: datetime.datetime | None = None
    defence_place: str = Field("", max_length=200)
    excluded_experts: list[ExclusionIn] = Field(default_factory=list, description="手动排除的专家，每人须写明理由")
    redraw_reason: str = Field("", max_length=2000, description="已有专家组时必填：重新抽取的理由")


class DeclarationIn(Schema):
    no_conflict: bool
    reason: str = Field("", max_length=2000)
    expected_state: str | None = None


class OpinionIn(Schema):
    scores: dict[str, Any]
    comment: str
    recommendation: str


def _dt(value):
    return value.isoformat() if value else None


def _transitions(assignment: Assignment, user) -> list[dict]:
    return [t.as_dict() for t in ASSIGNMENT_FLOW.available(user, assignment)]


def _panel_ref(p: Panel) -> dict:
    return {"id": p.pk, "draw_number": p.draw_number, "drawn_at": _dt(p.drawn_at), "closed_at": _dt(p.closed_at),
            "redraw_reason": p.redraw_reason}


def panel_dict(panel: Panel, user) -> dict:
    """A panel has no state of its own; each assignment carries its declaration state and transitions."""
    result = panel_result(panel)
    history = panels_of_subject(panel)
    return {
        "id": panel.pk,
        "subject_type": panel.content_type.model,
        "subject_id": panel.object_id,
        "subject_title": panel.subject_title,
        "purpose": panel.purpose,
        "field": panel.field,
        "size": panel.size,
        "seed": panel.seed,
        "candidate_ids": panel.candidate_ids,
        "candidates_sm3": panel.candidates_sm3,
        "excluded_org_ids": panel.excluded_org_ids,
        "excluded_experts": panel.excluded_experts,
        "drawn_at": _dt(panel.drawn_at),
        "active": panel.active,
        "closed_at": _dt(panel.closed_at),
        "draw_number": panel.draw_number,
        "redraw_reason": panel.redraw_reason,
        "previous_panels": [_panel_ref(p) for p in history if p.draw_number < panel.draw_number],
        "later_panels": [_panel_ref(p) for p in history if p.draw_number > panel.draw_number],
        "site_visit_at": _dt(panel.site_visit_at),
        "site_visit_place": panel.site_visit_place,
        "defence_at": _dt(panel.defence_at),
        "defence_place": panel.defence_place,
        "assignments": [
            {"id": a.pk, "expert_id": a.expert_id, "expert": a.expert.name, "state": a.declaration,
             "declaration": a.declaration, "active": a.active, "replaced_by": a.replaced_by_id,
             "recusal_reason": a.recusal_reason, "available_transitions": _transitions(a, user)}
            for a in panel.assignments.select_related("expert").order_by("pk")
        ],
        "result": {
            "complete": result.complete,
            "missing": result.missing,
            "recommendation": result.recommendation,
            "recommendation_label": result.recommendation_label,
            "recommendation_tied": result.recommendation_tied,
            "mean_score": str(result.mean_score) if result.mean_score is not None else None,
            "trimmed": result.trimmed,
            "indicator_means": [
                {"code": ind.code, "name": ind.name, "max": str(ind.max), "mean": str(m) if m is not None else None}
                for ind, m in result.indicator_means
            ],
            "scores": [s.as_dict() for s in result.scores],
        },
    }


def assignment_dict(assignment: Assignment, user) -> dict:
    panel = assignment.panel
    info = describe(panel.subject) if panel.subject is not None else None
    data = {
        "id": assignment.pk,
        "panel_id": panel.pk,
        "state": assignment.declaration,
        # The same value under its field's name, kept for existing clients.
        "declaration": assignment.declaration,
        "active": assignment.active,
        "subject_title": panel.subject_title,
        "organisations": [o.name for o in info.organisations] if info else [],
        "available_transitions": _transitions(assignment, user),
    }
    if can_see_details(assignment):
        data.update({
            "field": panel.field,
            "site_visit_at": _dt(panel.site_visit_at), "site_visit_place": panel.site_visit_place,
            "defence_at": _dt(panel.defence_at), "defence_place": panel.defence_place,
            "subject_url": info.url if info else "",
        })
    opinion = getattr(assignment, "opinion", None)
    if opinion is not None:
        data["opinion"] = {
            "scores": opinion.scores, "total": str(opinion.total), "comment": opinion.comment,
            "recommendation": opinion.recommendation,
            "recommendation_label": recommendation_label(panel.purpose, opinion.recommendation),
            "submitted_at": _dt(opinion.submitted_at),
        }
    return data


def _sent_seed(request) -> bool:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return False
    return isinstance(body, dict) and "seed" in body


@router.post("/panels", response={201: dict})
def create_panel(request, payload: PanelIn):
    require_role(request.auth, Role.BUREAU_OFFICER, article="5")
    if _sent_seed(request):
        raise ServiceError("seed_not_accepted",
                           "随机种子由系统生成并在抽取前记入审计日志，不接受传入（第九条第（三）项）。",
                           field="seed", article="9(3)")
    subject = resolve(payload.subject_type, payload.subject_id)
    info = describe(subject)
    panel = services.form_panel(
        actor=request.auth, subject=subject, size=payload.size, field=payload.field or info.field,
        excluded_org_ids=info.organisation_ids,
        purpose=payload.purpose or DEFAULT_PURPOSE[payload.subject_type],
        site_visit_at=payload.site_visit_at, site_visit_place=payload.site_visit_place,
        defence_at=payload.defence_at, defence_place=payload.defence_place,
        excluded_experts={e.expert_id: e.reason for e in payload.excluded_experts},
        redraw_reason=payload.redraw_reason, ip=client_ip(request),
    )
    return Status(201, panel_dict(panel, request.auth))


@router.get("/panels/{panel_id}", response=dict)
def get_panel(request, panel_id: int):
    return panel_dict(get_visible_or_404(Panel, request.auth, pk=panel_id), request.auth)


def _assignment(request, assignment_id: int) -> Assignment:
    qs = Assignment.objects.select_related("panel", "expert")
    return get_visible_or_404(qs, request.auth, pk=assignment_id)


@router.get("/assignments/{assignment_id}", response=dict)
def get_assignment(request, assignment_id: int):
    return assignment_dict(_assignment(request, assignment_id), request.auth)


@router.post("/assignments/{assignment_id}/declaration", response=dict,
             summary="Declare no conflict or recuse (the same as the transitions declare_no_conflict / recuse)")
def post_declaration(request, assignment_id: int, payload: DeclarationIn):
    name = "declare_no_conflict" if payload.no_conflict else "recuse"
    assignment = fire(ENDPOINTS["assignment"], request.auth, _assignment(request, assignment_id), name,
                      comment=payload.reason, expected_state=payload.expected_state, ip=client_ip(request))
    return assignment_dict(assignment, request.auth)


@router.post("/assignments/{assignment_id}/replace", response={201: dict})
def post_replace(request, assignment_id: int):
    require_role(request.auth, Role.BUREAU_OFFICER, article="5")
    new = services.replace_expert(actor=request.auth, assignment=_assignment(request, assignment_id),
                                  ip=client_ip(request))
    return Status(201, {"replaced": assignment_id, "assignment_id": new.pk, "expert_id": new.expert_id,
                        "expert": new.expert.name})


@router.post("/assignments/{assignment_id}/opinion", response={201: dict})
def post_opinion(request, assignment_id: int, payload: OpinionIn):
    assignment = _assignment(request, assignment_id)
    services.submit_opinion(actor=request.auth, assignment=assignment, scores=payload.scores,
                            comment=payload.comment, recommendation=payload.recommendation, ip=client_ip(request))
    fresh = get_object_or_404(Assignment.objects.select_related("panel", "expert", "opinion"), pk=assignment.pk)
    return Status(201, assignment_dict(fresh, request.auth))


@router.get("/experts", response=list[dict])
def list_experts(request, response: HttpResponse, field: str | None = None, active: bool | None = None,
                 limit: int = limit_param(), offset: int = offset_param()):
    require_role(request.auth, Role.BUREAU_OFFICER, article="5")
    qs = Expert.objects.visible_to(request.auth).select_related("organisation").prefetch_related(
        "declared_ties").order_by("pk")
    if active is not None:
        qs = qs.filter(active=active)
    if field:
        qs = experts_in_field(qs, field)
    if wants_xlsx(request):
        return EXPERTS_EXPORT.response(request, qs)
    experts = page(request, response, qs, limit=limit, offset=offset)
    return [
        {"id": e.pk, "name": e.name, "title": e.title, "organisation": e.unit_name,
         "organisation_id": e.organisation_id, "fields": e.fields, "active": e.active, "has_account": bool(e.user_id),
         "declared_ties": [o.pk for o in e.declared_ties.all()]}
        for e in experts
    ]
