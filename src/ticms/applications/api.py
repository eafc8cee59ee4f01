"""/api/v1/applications: the 申请书 over JSON. Amounts are yuan (Decimal strings), as stored."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import create_model

from ticms import totals
from ticms.accounts.models import Organisation
from ticms.audit.signals import client_ip
from ticms.calls.models import Call
from ticms.centers.models import Center, EngineeringCenter
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.paging import limit_param, offset_param, page
from ticms.params import Count, Id
from ticms.policy.citation import cite
from ticms.web.labels import choice_label
from ticms.workflow import rights

from . import fields as spec
from . import selectors, services
from .eligibility import eligibility_for
from .exports import APPLICATIONS_EXPORT
from .fields import Kind
from .models import Application, State
from .rights import may_edit
from .workflow import APPLICATION_FLOW

router = Router(tags=["applications"])


_TYPES = {Kind.COUNT: Count, Kind.MONEY: Decimal, Kind.NUMBER: Decimal, Kind.TRI_STATE: bool,
          Kind.DECLARATION: bool, Kind.DATE: date, Kind.ORGANISATION: Id, Kind.ORGANISATIONS: list[Id]}

# The fields a client may write, one per editable field of fields.py, under its API name (organisations by id:
# host_unit_id, partner_unit_ids); every key optional, so a PATCH sends only the sections it changes.
FactsIn = create_model("FactsIn", __base__=Schema, **{
    f.api_name: (_TYPES.get(f.kind, str) | None, None) for f in spec.editable()})


class ApplicationCreateIn(FactsIn):
    track: str = "new"
    call_id: Id | None = None
    lead_unit_id: Id | None = None
    engineering_center_id: Id | None = None
    upgrade_of_id: Id | None = None


def _facts_changes(payload: FactsIn) -> tuple[dict, list[int] | None, int | None]:
    data = payload.dict(exclude_unset=True)
    partners = data.pop("partner_unit_ids", None)
    host = data.pop("host_unit_id", None)
    for key in ("track", "call_id", "lead_unit_id", "engineering_center_id", "upgrade_of_id"):
        data.pop(key, None)
    # JSON null for a box that is ticked or not means "not ticked" (not declared, not requested).
    for f in spec.editable():
        if f.kind == Kind.DECLARATION and f.name in data and data[f.name] is None:
            data[f.name] = False
    return data, partners, host


def _organisation(o) -> dict:
    return {"id": o.pk, "name": o.name, "credit_code": o.credit_code}


def _spec_values(app: Application) -> dict:
    out = {}
    for f in spec.FIELDS:
        value = getattr(app, f.name)
        if f.kind == Kind.ORGANISATION:
            value = _organisation(value)
        elif f.kind == Kind.ORGANISATIONS:
            value = [_organisation(o) for o in value.all()]
        out[f.name] = value
    return out


def application_json(app: Application, user) -> dict:
    parts = selectors.detail_parts(app)
    return {
        "id": app.pk,
        "number": app.number,
        "title": app.title,
        "state": app.state,
        "state_label": app.get_state_display(),
        "track": app.track,
        "call_id": app.call_id,
        "engineering_center_id": app.engineering_center_id,
        "upgrade_of_id": app.upgrade_of_id,
        "year": app.year,
        **_spec_values(app),
        "rd_investment": {str(y): v for y, v in app.rd_investment.items()},
        "proposed_outcome": app.proposed_outcome or None,
        "submitted_at": app.submitted_at,
        "center_id": app.center_id,
        "attachments": [
            {"id": a.pk, "kind": a.kind, "name": a.original_name, "size": a.size, "content_type": a.content_type,
             "sha256": a.sha256, "sm3": a.sm3, "uploaded_at": a.uploaded_at, "url": a.get_absolute_url()}
            for a in parts["attachments"]
        ],
        "versions": [{"id": v.pk, "number": v.number, "reason": v.reason, "taken_at": v.taken_at}
                     for v in parts["versions"]],
        "eligibility": [
            {"code": r.code, "title": r.title, "article": r.article, "citation": cite(r.article), "status": r.status,
             "evidence": r.evidence}
            for r in eligibility_for(app)
        ],
        "available_transitions": [a.as_dict() for a in APPLICATION_FLOW.available(user, app)],
        "may_edit": rights.as_dict(may_edit(user, app)),
    }


@router.post("/applications", response={201: dict}, summary="Start an application (applicant)")
def create_application(request, payload: ApplicationCreateIn):
    user = request.user
    orgs = user.organisation_ids()
    lead_id = payload.lead_unit_id or (orgs[0] if orgs else None)
    if lead_id is None:
        raise ServiceError("forbidden", "只有申报单位（依托单位）用户可以填报申请书。", status=403)
    lead = Organisation.objects.filter(pk=lead_id).first()
    call = get_object_or_404(Call, pk=payload.call_id) if payload.call_id else None
    ec = get_object_or_404(EngineeringCenter, pk=payload.engineering_center_id) \
        if payload.engineering_center_id else None
    center = get_object_or_404(Center, pk=payload.upgrade_of_id) if payload.upgrade_of_id else None
    changes, partners, host = _facts_changes(payload)
    with transaction.atomic():
        app = services.create_application(actor=user, lead_unit=lead, call=call, track=payload.track,
                                          engineering_center=ec, upgrade_of=center, ip=client_ip(request))
        if changes or partners is not None or host is not None:
            app = services.update_application(actor=user, application=app, changes=changes,
                                              partner_unit_ids=partners, host_unit_id=host, ip=client_ip(request))
    return Status(201, application_json(selectors.application_for(user, app.pk), user))


@router.get("/applications", response=dict, summary="Applications visible to the caller")
def list_applications(request, response: HttpResponse, state: str | None = None, call_id: Id | None = None,
                      limit: int = limit_param(), offset: int = offset_param()):
    # The order of the /applications/ page (the last change first), so both page through the same list.
    qs = selectors.applications_visible_to(request.user).order_by("-updated_at", "-pk")
    if state:
        if state not in State.values:
            raise ServiceError("invalid_state", f"未知状态：{state}", status=400)
        qs = qs.filter(state=state)
    if call_id:
        qs = qs.filter(call_id=call_id)
    if wants_xlsx(request):
        return APPLICATIONS_EXPORT.response(request, qs)
    total = totals.total(qs)
    # The units whose ids the caller's rights are read from (accounts.scope.acts_for), not their county or the call.
    rows = page(request, response, qs.select_related(None).select_related("lead_unit", "host_unit"), limit=limit,
                offset=offset, total=total)
    selectors.prefetch_guard_facts(rows)
    # Plain dicts, the fields of an ApplicationSummary: the schema validated every field of every row again, a
    # millisecond a page, for values read straight from the database.
    items = [
        {"id": a.pk, "number": a.number, "state": a.state, "state_label": choice_label(a, "state"),
         "track": a.track, "year": a.year, "call_id": a.call_id, "field": a.field, "lead_unit": a.lead_unit.name,
         "updated_at": a.updated_at,
         "available_transitions": [t.as_dict() for t in APPLICATION_FLOW.available(request.user, a)]}
        for a in rows
    ]
    return {"count": total, "limit": limit, "offset": offset, "items": items}


@router.get("/applications/{application_id}", response=dict, summary="One application, with its transitions")
def get_application(request, application_id: int):
    return application_json(selectors.application_for(request.user, application_id), request.user)


@router.patch("/applications/{application_id}", response=dict, summary="Save sections of the application")
def patch_application(request, application_id: int, payload: FactsIn):
    app = selectors.application_for(request.user, application_id)
    changes, partners, host = _facts_changes(payload)
    services.update_application(actor=request.user, application=app, changes=changes, partner_unit_ids=partners,
                                host_unit_id=host, ip=client_ip(request))
    return application_json(selectors.application_for(request.user, application_id), request.user)


@router.post("/applications/{application_id}/attachments", response={201: dict}, summary="Upload an attachment")
def upload_attachment(request, application_id: int, kind: Form[str], file: File[UploadedFile]):
    app = selectors.application_for(request.user, application_id)
    att = services.add_attachment(actor=request.user, application=app, kind=kind, upload=file,
                                  ip=client_ip(request))
    return Status(201, {"id": att.pk, "kind": att.kind, "name": att.original_name, "size": att.size,
                        "content_type": att.content_type, "sha256": att.sha256, "sm3": att.sm3,
                        "url": att.get_absolute_url()})


@router.get("/applications/{application_id}/versions/{number}", response=dict,
            summary="A frozen version of the application")
def get_version(request, application_id: int, number: int):
    app = selectors.application_for(request.user, application_id)
    v = get_object_or_404(app.versions, number=number)
    return {"id": v.pk, "number": v.number, "reason": v.reason, "taken_at": v.taken_at, "facts": v.facts,
            "attachments": v.attachments}
