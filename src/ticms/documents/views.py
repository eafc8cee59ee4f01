"""发文登记, downloads, previews and the 发文 / 更正 buttons of a record page's download block."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import escape_uri_path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role
from ticms.audit.signals import client_ip
from ticms.crypto.access import record_download
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.web.feedback import tell_outcome
from ticms.web.lists import Column, Listing
from ticms.web.routes import page

from . import services
from .exports import DOCUMENTS_EXPORT, with_kind_label
from .filters import DocumentFilter
from .selectors import documents_visible_to, register

MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


def file_response(data: bytes, name: str, fmt: str, sm3: str = "") -> HttpResponse:
    response = HttpResponse(data, content_type=MIME[fmt])

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(f'{name}.{fmt}')}"
    if sm3:
        response["X-Content-SM3"] = sm3
    return response


def download_name(doc) -> str:
    base = f"{doc.number}{doc.title}" if doc.number else doc.title
    return f"{base}（第{doc.version}版）" if doc.version > 1 else base


def serve(doc, fmt: str, request, via: str) -> HttpResponse:
    if fmt not in MIME:
        raise Http404("unknown format")
    user = getattr(request, "auth", None) or request.user
    record_download(actor=user if user.is_authenticated else None, obj=doc, name=f"{download_name(doc)}.{fmt}",
                    via=via, ip=client_ip(request))
    with getattr(doc, fmt).open("rb") as f:
        data = f.read()
    return file_response(data, download_name(doc), fmt, getattr(doc, f"{fmt}_sm3"))


REGISTER_COLUMNS = [
    Column("文号", "number", ("number",)),
    "版本", "标题", "所涉记录",
    Column("成文日期", "issued", ("issued_on", "issued_at")),
    "发文人", "SM3（PDF）", "下载",
]


@page("documents/", name="register")
@login_required
def document_register(request):
    if not request.user.has_role(Role.BUREAU_OFFICER):
        raise PermissionDenied("发文登记仅供市科技局工作人员查看。")
    listing = Listing(request, register(request.user), columns=REGISTER_COLUMNS, filterset=DocumentFilter,
                      default_sort="-issued", per_page=50)
    if wants_xlsx(request):
        return DOCUMENTS_EXPORT.response(request, with_kind_label(listing.qs))
    return render(request, "documents/register.html", {"listing": listing, "page_obj": listing.page_obj})


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or fallback
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else fallback


@page("documents/issue/", name="issue")
@login_required
@require_POST
def document_issue(request):
    try:
        spec = services.kind_of(request.POST.get("kind", ""))
        record = services.record_of(spec, int(request.POST.get("record_id") or 0), request.user)
    except (ServiceError, ValueError) as exc:
        raise Http404("记录不存在，或您无权查看。") from exc
    tell_outcome(request, lambda: services.issue_document(actor=request.user, kind=spec.code, record=record,
                                                          ip=client_ip(request)),
                 lambda doc: f"已生成{spec.label}：{doc}。")
    return redirect(_back(request, record.get_absolute_url()))


@page("documents/preview/<str:kind>/<int:record_id>/<str:fmt>/", name="preview")
@login_required
def document_preview(request, kind: str, record_id: int, fmt: str):
    try:
        spec = services.kind_of(kind)
        record = services.record_of(spec, record_id, request.user)
        rendered = services.preview(actor=request.user, kind=kind, record=record)
    except ServiceError as exc:
        if exc.status == 404:
            raise Http404(str(exc.detail)) from exc
        raise PermissionDenied(str(exc.detail)) from exc
    if fmt not in MIME:
        raise Http404("unknown format")
    return file_response(getattr(rendered, fmt), f"样稿-{rendered.title}", fmt)


@page("documents/<int:pk>/correct/", name="correct")
@login_required
@require_POST
def document_correct(request, pk: int):
    doc = get_object_or_404(documents_visible_to(request.user), pk=pk)
    tell_outcome(request, lambda: services.correct_document(actor=request.user, document=doc,
                                                            reason=request.POST.get("reason", ""),
                                                            ip=client_ip(request)),
                 lambda new: f"已发更正版本：{new}（第{new.version}版），原版本保留。")
    return redirect(_back(request, "/documents/"))


@page("documents/<int:pk>/<str:fmt>/", name="download")
def document_download(request, pk: int, fmt: str):
    return serve(get_object_or_404(documents_visible_to(request.user), pk=pk), fmt, request, via="page")
