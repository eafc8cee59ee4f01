from datetime import date

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from ticms.audit.signals import client_ip
from ticms.paging import limit_param, offset_param, page
from ticms.params import Year

from . import services
from .models import Call

router = Router(tags=["calls"])


class CallIn(Schema):
    title: str
    year: Year
    opens: date
    closes: date
    fields: list[str] = []
    text: str = ""


class CallOut(Schema):
    id: int
    title: str
    year: int
    fields: list[str]
    opens: date
    closes: date
    text: str
    is_open: bool


@router.post("/calls", response={201: CallOut}, summary="Publish a call for applications (bureau officer, Art. 9(1))")
def create_call(request, payload: CallIn):
    call = services.publish_call(actor=request.user, ip=client_ip(request), **payload.dict())
    return Status(201, call)


@router.get("/calls", response=list[CallOut], auth=None, summary="Calls for applications (public)")
def list_calls(request, response: HttpResponse, open: bool = False,
               limit: int = limit_param(), offset: int = offset_param()):
    qs = Call.objects.all()
    if open:
        qs = qs.open_now()
    return page(request, response, qs.order_by("-opens", "-pk"), limit=limit, offset=offset)


@router.get("/calls/{call_id}", response=CallOut, auth=None, summary="One call (public)")
def get_call(request, call_id: int):
    return get_object_or_404(Call, pk=call_id)
