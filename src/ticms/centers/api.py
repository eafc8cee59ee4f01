"""REST API of the registry (DESIGN §8): /centers, /change-requests, /filings, /supports.

Money is Decimal yuan as a string (the stored unit; `equipment_value`, `amount`, `income`), dates ISO.
Every record carries `status`/`state` and `available_transitions` with reasons and articles.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse
from ninja import Router, Schema, Status

from ticms.accounts.scope import get_visible_or_404
from ticms.audit.signals import client_ip
from ticms.paging import limit_param, listed, offset_param
from ticms.params import Count, Id, Year
from ticms.policy.citation import cite
from ticms.workflow import rights

from . import operations, services
from .changes import describe
from .exports import CENTERS_EXPORT, CHANGES_EXPORT, DIRECTORY_EXPORT, FILINGS_EXPORT, SUPPORTS_EXPORT
from .models import Center, ChangeRequest, Filing, Support
from .rights import may_edit, may_edit_change, may_edit_filing
from .selectors import centers_visible_to, changes_visible_to, filings_visible_to, public_centers
from .workflow import CENTER_FLOW, CHANGE_FLOW, FILING_FLOW

router = Router(tags=["centers"])


def _s(value) -> str | None:
    return None if value is None else str(value)


def public_center_dict(c: Center) -> dict:
    """What anyone may see (no person, no file): the directory entry."""
    return {
        "id": c.pk, "official_name": c.official_name, "category": c.category, "field": c.field,
        "host_unit": c.host_unit.name, "lead_unit": c.lead_unit.name,
        "competent_unit": c.host_unit.competent_unit.name if c.host_unit.competent_unit_id else None,
        "status": c.status, "state": c.status, "status_label": c.get_status_display(),
        "recognized_on": c.recognized_on.isoformat(),
    }


def center_transitions(c: Center, user) -> list[dict]:
    """The status transitions `user` sees on a center (detail and the signed-in list): no guard, no query."""
    return [a.as_dict() for a in CENTER_FLOW.available(user, c)]


def center_dict(c: Center, user) -> dict:
    return {
        **public_center_dict(c),
        "host_unit_id": c.host_unit_id, "lead_unit_id": c.lead_unit_id,
        "partner_units": [{"id": o.pk, "name": o.name} for o in c.partner_units.all()],
        "legal_form": c.legal_form, "legal_form_target_date": _s(c.legal_form_target_date),
        "legal_form_overdue": c.legal_form_overdue(),
        "charter": c.charter, "board": c.board, "director": c.director, "director_title": c.director_title,
        "committee_chair": c.committee_chair, "committee_members": c.committee_members,
        "fixed_staff": c.fixed_staff, "visiting_staff": c.visiting_staff,
        "floor_area_m2": _s(c.floor_area_m2), "equipment_value": _s(c.equipment_value),
        "sub_institutes": [{"id": s.pk, "name": s.name, "focus": s.focus, "opened_on": s.opened_on.isoformat(),
                            "closed_on": _s(s.closed_on)} for s in c.sub_institutes.all()],
        "history": [{"kind": h.kind, "old_value": h.old_value, "new_value": h.new_value,
                     "effective_on": h.effective_on.isoformat(), "change_request_id": h.change_request_id}
                    for h in c.changes.all()],
        "status_history": [{"from": s.from_status, "to": s.to_status, "at": s.at.isoformat(), "reason": s.reason,
                            "article": s.article, "citation": cite(s.article)} for s in c.status_changes.all()],
        "available_transitions": center_transitions(c, user),
        "may_edit": rights.as_dict(may_edit(user, c)),
    }


def filing_dict(f: Filing, user) -> dict:
    return {
        "id": f.pk, "center_id": f.center_id, "center": f.center.official_name, "kind": f.kind,
        "person_name": f.person_name, "person_title": f.person_title, "members": f.members,
        "appointed_on": f.appointed_on.isoformat(), "note": f.note, "title_check": f.title_check,
        "title_check_evidence": f.title_check_evidence, "flagged": f.flagged, "state": f.state,
        "state_label": f.get_state_display(), "submitted_at": f.submitted_at.isoformat(),
        "available_transitions": [a.as_dict() for a in FILING_FLOW.available(user, f)],
        "may_edit": rights.as_dict(may_edit_filing(user, f)),
    }


def change_dict(cr: ChangeRequest, user) -> dict:
    return {
        "id": cr.pk, "center_id": cr.center_id, "center": cr.center.official_name, "kind": cr.kind,
        "matter": cr.matter, "new_name": cr.new_name, "new_unit_id": cr.new_unit_id, "new_value": cr.new_value,
        "new_target_date": _s(cr.new_target_date), "reasons": cr.reasons, "summary": describe(cr),
        "state": cr.state, "state_label": cr.get_state_display(), "submitted_at": _s(cr.submitted_at),
        "decided_at": _s(cr.decided_at),
        "available_transitions": [a.as_dict() for a in CHANGE_FLOW.available(user, cr)],
        "may_edit": rights.as_dict(may_edit_change(user, cr)),
    }


def support_dict(s: Support) -> dict:
    return {"id": s.pk, "center_id": s.center_id, "kind": s.kind, "title": s.title, "year": s.year,
            "amount": _s(s.amount), "note": s.note, "article": s.article, "citation": cite(s.article)}


# --- centers ----------------------------------------------------------------------------------------------
@router.get("/centers/public", response=list[dict], auth=None, summary="The public directory")
def list_public(request, response: HttpResponse, field: str = "", category: str = "", county: str = "",
                status: str = "", limit: int = limit_param(), offset: int = offset_param()):
    qs = public_centers(field=field, category=category, county=county, status=status).order_by(
        "-recognized_on", "official_name", "pk")
    return listed(request, response, qs, public_center_dict, export=DIRECTORY_EXPORT, limit=limit, offset=offset)


@router.get("/centers", response=list[dict])
def list_centers(request, response: HttpResponse, status: str = "",
                 limit: int = limit_param(), offset: int = offset_param()):
    # The directory entry (no person, no file) plus what this user may do with each center.
    return listed(request, response, centers_visible_to(request.auth).order_by("official_name", "pk"),
                  lambda c: {**public_center_dict(c), "available_transitions": center_transitions(c, request.auth)},
                  export=CENTERS_EXPORT, limit=limit, offset=offset, status=status)


def _center(request, center_id: int) -> Center:
    return get_visible_or_404(centers_visible_to(request.auth), request.auth, pk=center_id)


def _create_for_center(request, create, data: dict):
    """A record of the center the payload names by `center_id` (seen through the caller's scope), made by the
    service `create` on the caller's behalf."""
    center = _center(request, data.pop("center_id"))
    return create(actor=request.auth, center=center, ip=client_ip(request), **data)


@router.get("/centers/{center_id}", response=dict)
def get_center(request, center_id: int):
    return center_dict(_center(request, center_id), request.auth)


class ProfileIn(Schema):
    legal_form: str | None = None
    legal_form_target_date: date | None = None
    charter: str | None = None
    board: str | None = None
    fixed_staff: Count | None = None
    visiting_staff: Count | None = None
    floor_area_m2: str | float | int | None = None
    equipment_value: str | float | int | None = None
    partner_units: list[Id] | None = None


@router.patch("/centers/{center_id}", response=dict)
def patch_center(request, center_id: int, payload: ProfileIn):
    center = _center(request, center_id)
    changes = payload.dict(exclude_unset=True)
    center = services.update_profile(actor=request.auth, center=center, changes=changes, ip=client_ip(request))
    return get_center(request, center.pk)


class OutputIn(Schema):
    kind: str
    title: str
    year: Year
    reference: str = ""
    carries_center_name: bool | None = None
    income: str | float | int | None = None
    note: str = ""


@router.post("/centers/{center_id}/outputs", response={201: dict})
def post_output(request, center_id: int, payload: OutputIn):
    o = services.record_output(actor=request.auth, center=_center(request, center_id), ip=client_ip(request),
                               **payload.dict())
    return Status(201, {"id": o.pk, "kind": o.kind, "title": o.title, "year": o.year,
                        "carries_center_name": o.carries_center_name, "income": _s(o.income)})


# --- change requests --------------------------------------------------------------------------------------
class ChangeIn(Schema):
    center_id: Id
    kind: str
    matter: str = ""
    new_name: str = ""
    new_unit_id: Id | None = None
    new_value: str = ""
    new_target_date: date | None = None
    reasons: str = ""


class ChangePatch(Schema):
    matter: str | None = None
    new_name: str | None = None
    new_unit_id: Id | None = None
    new_value: str | None = None
    new_target_date: date | None = None
    reasons: str | None = None


def _change_data(payload: dict[str, Any]) -> dict:
    if "new_unit_id" in payload:
        payload["new_unit"] = payload.pop("new_unit_id")
    return payload


@router.get("/change-requests", response=list[dict])
def list_changes(request, response: HttpResponse, state: str = "", center_id: int | None = None,
                 limit: int = limit_param(), offset: int = offset_param()):
    return listed(request, response, changes_visible_to(request.auth), lambda cr: change_dict(cr, request.auth),
                  export=CHANGES_EXPORT, limit=limit, offset=offset, state=state, center_id=center_id)


@router.post("/change-requests", response={201: dict})
def post_change(request, payload: ChangeIn):
    cr = _create_for_center(request, operations.create_change_request, _change_data(payload.dict()))
    return Status(201, change_dict(cr, request.auth))


def _change(request, change_id: int) -> ChangeRequest:
    return get_visible_or_404(changes_visible_to(request.auth), request.auth, pk=change_id)


@router.get("/change-requests/{change_id}", response=dict)
def get_change(request, change_id: int):
    return change_dict(_change(request, change_id), request.auth)


@router.patch("/change-requests/{change_id}", response=dict)
def patch_change(request, change_id: int, payload: ChangePatch):
    cr = operations.update_change_request(actor=request.auth, change_request=_change(request, change_id),
                                          ip=client_ip(request), **_change_data(payload.dict(exclude_unset=True)))
    return get_change(request, cr.pk)


# --- filings ----------------------------------------------------------------------------------------------
class FilingIn(Schema):
    center_id: Id
    kind: str
    person_name: str = ""
    person_title: str = ""
    members: str = ""
    appointed_on: date | None = None
    note: str = ""


class FilingPatch(Schema):
    person_name: str | None = None
    person_title: str | None = None
    members: str | None = None
    appointed_on: date | None = None
    note: str | None = None


@router.get("/filings", response=list[dict])
def list_filings(request, response: HttpResponse, state: str = "", center_id: int | None = None,
                 limit: int = limit_param(), offset: int = offset_param()):
    return listed(request, response, filings_visible_to(request.auth), lambda f: filing_dict(f, request.auth),
                  export=FILINGS_EXPORT, limit=limit, offset=offset, state=state, center_id=center_id)


@router.post("/filings", response={201: dict})
def post_filing(request, payload: FilingIn):
    filing = _create_for_center(request, operations.submit_filing, payload.dict())
    return Status(201, filing_dict(filing, request.auth))


def _filing(request, filing_id: int) -> Filing:
    return get_visible_or_404(filings_visible_to(request.auth), request.auth, pk=filing_id)


@router.get("/filings/{filing_id}", response=dict)
def get_filing(request, filing_id: int):
    return filing_dict(_filing(request, filing_id), request.auth)


@router.post("/filings/{filing_id}/resubmit", response=dict)
def resubmit_filing(request, filing_id: int, payload: FilingPatch):
    filing = operations.resubmit_filing(actor=request.auth, filing=_filing(request, filing_id),
                                        ip=client_ip(request), **payload.dict(exclude_unset=True))
    return get_filing(request, filing.pk)


# --- support (Art. 16, 17) --------------------------------------------------------------------------------
class SupportIn(Schema):
    center_id: Id
    kind: str
    title: str = ""
    year: Year | None = None
    amount: str | float | int | None = None
    note: str = ""


@router.get("/supports", response=list[dict])
def list_supports(request, response: HttpResponse, center_id: int | None = None,
                  limit: int = limit_param(), offset: int = offset_param()):
    return listed(request, response, Support.objects.visible_to(request.auth), support_dict,
                  export=SUPPORTS_EXPORT, limit=limit, offset=offset, center_id=center_id)


@router.post("/supports", response={201: dict})
def post_support(request, payload: SupportIn):
    support = _create_for_center(request, services.record_support, payload.dict())
    return Status(201, support_dict(support))
