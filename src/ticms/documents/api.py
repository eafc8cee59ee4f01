"""/api/v1/documents: the 发文登记, issuing, corrections, previews and the two files of each document."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from ticms.audit.signals import client_ip
from ticms.exports import wants_xlsx
from ticms.paging import limit_param, offset_param, page
from ticms.params import Id, Year

from . import services
from .exports import DOCUMENTS_EXPORT, with_kind_label
from .selectors import documents_visible_to, register
from .views import file_response, serve

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    number: str
    year: int
    serial: int | None
    version: int
    supersedes: int | None = Field(alias="supersedes_id")
    record_type: str
    record_id: int = Field(alias="object_id")
    record_title: str
    issued_on: date
    issued_at: datetime
    docx_sm3: str
    pdf_sm3: str
    fonts: str
    public: bool
    docx_url: str
    pdf_url: str

    @staticmethod
    def resolve_record_type(obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"

    @staticmethod
    def resolve_docx_url(obj) -> str:
        return f"/api/v1/documents/{obj.pk}/docx"

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        return f"/api/v1/documents/{obj.pk}/pdf"


class IssueIn(Schema):
    kind: str
    record_id: Id
    # To correct an issued document: its id and why. The correction keeps the 文号 and becomes the next version.
    corrects: Id | None = None
    reason: str = ""


@router.get("/documents", response=list[DocumentOut], summary="发文登记: issued documents the caller may read")
def list_documents(request, response: HttpResponse, year: Year | None = None, kind: str = "",
                   record_id: Id | None = None, limit: int = limit_param(), offset: int = offset_param()):
    qs = register(request.user, year=year, kind=kind).select_related("content_type")
    if record_id is not None:
        qs = qs.filter(object_id=record_id)
    if wants_xlsx(request):
        return DOCUMENTS_EXPORT.response(request, with_kind_label(qs))
    return page(request, response, qs, limit=limit, offset=offset)


@router.post("/documents", response={201: DocumentOut},
             summary="Issue a document from a record (bureau officer; the 申报书 by its applicant)")
def issue(request, payload: IssueIn):
    ip = client_ip(request)
    if payload.corrects is not None:
        old = get_object_or_404(documents_visible_to(request.user), pk=payload.corrects)
        return Status(201, services.correct_document(actor=request.user, document=old, reason=payload.reason, ip=ip))
    spec = services.kind_of(payload.kind)
    record = services.record_of(spec, payload.record_id, request.user)
    return Status(201, services.issue_document(actor=request.user, kind=spec.code, record=record, ip=ip))


@router.get("/documents/preview/{kind}/{record_id}/{fmt}", summary="A 样稿 (unnumbered draft) as docx or pdf")
def preview(request, kind: str, record_id: int, fmt: str):
    spec = services.kind_of(kind)
    record = services.record_of(spec, record_id, request.user)
    rendered = services.preview(actor=request.user, kind=kind, record=record)
    if fmt not in ("docx", "pdf"):
        raise Http404("unknown format")
    return file_response(getattr(rendered, fmt), f"样稿-{rendered.title}", fmt)


@router.get("/documents/{document_id}", response=DocumentOut, summary="One issued document")
def get_document(request, document_id: int):
    return get_object_or_404(documents_visible_to(request.user).select_related("content_type"), pk=document_id)


@router.get("/documents/{document_id}/{fmt}", summary="The issued file, docx or pdf (header X-Content-SM3)")
def download(request, document_id: int, fmt: str):
    return serve(get_object_or_404(documents_visible_to(request.user), pk=document_id), fmt, request, via="api")
