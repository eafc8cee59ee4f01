"""REST API of public notices and objections. Reading published notices and objecting need no sign-in."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from ticms.accounts.roles import Role, require_role
from ticms.accounts.scope import get_visible_or_404
from ticms.applications.models import Application
from ticms.audit.signals import client_ip
from ticms.crypto.access import record_reveal
from ticms.crypto.masking import mask_phone
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.paging import limit_param, offset_param, page
from ticms.params import Id
from ticms.workflow import rights
from ticms.workflow.endpoints import ENDPOINTS, fire

from . import services
from .exports import NOTICES_EXPORT, OBJECTIONS_EXPORT
from .models import NoticeItem, Objection, PublicNotice
from .rights import may_edit
from .selectors import public_notices, with_item_counts
from .workflow import NOTICE_FLOW, OBJECTION_FLOW

router = Router(tags=["notices"])


class NoticeIn(Schema):
    title: str = Field(..., max_length=200)
    application_ids: list[Id]
    proposed: dict[int, str] = Field(default_factory=dict, description="申请编号 → recognize | preparatory")
    center_names: dict[int, str] = Field(
        default_factory=dict, description="申请编号 → 拟定中心名称（朔州市××技术创新中心；默认按领域）")
    contact_phone: str = Field(..., max_length=50)
    contact_email: str = Field("", max_length=254)
    contact_address: str = Field("", max_length=200)
    text: str = ""
    starts_on: datetime.date | None = None


class ObjectionIn(Schema):
    name: str = ""
    organisation: str = ""
    phone: str = ""
    content: str = ""


class HandlingIn(Schema):
    sustained: bool
    handling: str = ""
    expected_state: str | None = None


def _caller(user):
    """The user the workflow answers for: the signed-in user, or an anonymous one (every step refused by role)."""
    return user if user is not None else AnonymousUser()


def notice_dict(notice: PublicNotice, user=None, items: bool = True) -> dict:
    """A notice as the API gives it. `items=False` (the list, unless `?include=items`): the count of its items and
    the detail URL instead of the items themselves (a notice carries up to a few hundred)."""
    data = {
        "id": notice.pk, "title": notice.title, "text": notice.text, "state": notice.state,
        "starts_on": notice.starts_on.isoformat(), "ends_on": notice.ends_on.isoformat(),
        "period": notice.period_zh, "ended": notice.ended,
        "contact": {"phone": notice.contact_phone, "email": notice.contact_email, "address": notice.contact_address},
        "published_at": notice.published_at.isoformat() if notice.published_at else None,
        "available_transitions": [t.as_dict() for t in NOTICE_FLOW.available(_caller(user), notice)],
        "items_url": f"/api/v1/notices/{notice.pk}",
    }
    if not items:
        data["items_count"] = notice.items_count
        return data
    rows = list(notice.items.all())
    data["items_count"] = len(rows)
    data["items"] = [{"id": i.pk, "center_name": i.center_name, "organisation": i.organisation_name,
                      "proposed": i.proposed, "proposed_label": i.get_proposed_display()} for i in rows]
    if user is not None and user.is_authenticated and user.has_role(Role.BUREAU_OFFICER):
        data["application_ids"] = [i.application_id for i in rows]
        data["may_edit"] = rights.as_dict(may_edit(user, notice))
    return data


@router.get("/notices", response=list[dict], auth=None)
def list_notices(request, response: HttpResponse, limit: int = limit_param(), offset: int = offset_param(),
                 include: str = ""):
    """Each notice with `items_count` and `items_url`; `?include=items` puts the items (and, for the bureau,
    `application_ids`) in every entry as before."""
    if wants_xlsx(request):
        return NOTICES_EXPORT.response(request, public_notices())
    with_items = "items" in include.split(",")
    qs = with_item_counts(public_notices(), "items_count")
    if with_items:
        qs = qs.prefetch_related("items")
    return [notice_dict(n, request.user, items=with_items)
            for n in page(request, response, qs, limit=limit, offset=offset)]


@router.get("/notices/{notice_id}", response=dict, auth=None)
def get_notice(request, notice_id: int):
    user = request.user if request.user.is_authenticated else None
    return notice_dict(get_visible_or_404(PublicNotice, user, pk=notice_id), user)


@router.post("/notices", response={201: dict})
def create_notice(request, payload: NoticeIn):
    require_role(request.auth, Role.BUREAU_OFFICER, article="5")

    ids = payload.application_ids
    found = {a.pk: a for a in Application.objects.visible_to(request.auth).filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ServiceError("application_not_found", f"申请不存在：{missing}。", status=404)
    notice = services.create_notice(
        actor=request.auth, title=payload.title, applications=[found[i] for i in ids], proposed=payload.proposed,
        center_names=payload.center_names,
        contact_phone=payload.contact_phone, contact_email=payload.contact_email,
        contact_address=payload.contact_address, text=payload.text, starts_on=payload.starts_on,
        ip=client_ip(request),
    )
    return Status(201, notice_dict(notice, request.auth))


@router.post("/notices/{notice_id}/publish", response=dict,
             summary="Publish a notice (the same as the transition publish)")
def publish_notice(request, notice_id: int):
    require_role(request.auth, Role.BUREAU_OFFICER, article="5")
    notice = get_visible_or_404(PublicNotice, request.auth, pk=notice_id)
    return notice_dict(fire(ENDPOINTS["notice"], request.auth, notice, "publish", ip=client_ip(request)),
                       request.auth)


@router.post("/notices/{notice_id}/items/{item_id}/objections", response={201: dict}, auth=None)
def post_objection(request, notice_id: int, item_id: int, payload: ObjectionIn):
    notice = get_visible_or_404(PublicNotice, None, pk=notice_id)
    item = get_object_or_404(NoticeItem, pk=item_id, notice=notice)
    objection = services.raise_objection(item=item, name=payload.name, organisation=payload.organisation,
                                         phone=payload.phone, content=payload.content, ip=client_ip(request))
    return Status(201, {"reference": objection.reference, "state": objection.state,
                        "message": "异议已提交，请保存受理编号。"})


def objection_dict(o: Objection, user, reveal: bool = False) -> dict:
    """The phone is masked (138****1234) unless the caller asked to reveal it (audited by the caller)."""
    return {"id": o.pk, "reference": o.reference, "notice_id": o.item.notice_id, "item_id": o.item_id,
            "name": o.name, "organisation": o.organisation, "phone": o.phone if reveal else mask_phone(o.phone),
            "content": o.content,
            "submitted_at": o.submitted_at.isoformat(), "state": o.state, "handling": o.handling,
            "handled_at": o.handled_at.isoformat() if o.handled_at else None,
            "available_transitions": [t.as_dict() for t in OBJECTION_FLOW.available(_caller(user), o)]}


@router.get("/objections", response=list[dict])
def list_objections(request, response: HttpResponse, state: str | None = None, reveal: bool = False,
                    limit: int = limit_param(), offset: int = offset_param()):
    """`?reveal=1` gives the objectors' full phone numbers, to call them back; each such read is audited."""
    require_role(request.auth, Role.BUREAU_OFFICER, article="5")
    qs = Objection.objects.visible_to(request.auth).select_related("item")
    if state:
        qs = qs.filter(state=state)
    qs = qs.order_by("-submitted_at", "-pk")
    if wants_xlsx(request):
        return OBJECTIONS_EXPORT.response(request, qs)
    objections = list(page(request, response, qs, limit=limit, offset=offset))
    if reveal:
        record_reveal(actor=request.auth, role=Role.BUREAU_OFFICER, model=Objection,
                      ids=[o.pk for o in objections], fields=["phone"], via="api:/objections", ip=client_ip(request))
    return [objection_dict(o, request.auth, reveal) for o in objections]


@router.post("/objections/{objection_id}/handling", response=dict,
             summary="Record the handling of an objection (the same as the transitions sustain / dismiss)")
def post_handling(request, objection_id: int, payload: HandlingIn):
    require_role(request.auth, Role.BUREAU_OFFICER, article="5")
    objection = get_visible_or_404(Objection.objects.select_related("item"), request.auth, pk=objection_id)
    handled = fire(ENDPOINTS["objection"], request.auth, objection, "sustain" if payload.sustained else "dismiss",
                   comment=payload.handling, expected_state=payload.expected_state, ip=client_ip(request))
    return objection_dict(handled, request.auth)
