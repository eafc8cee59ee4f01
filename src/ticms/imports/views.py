"""Pages: /imports/ (the imports the user may run), /imports/<kind>/ (template, upload → dry run report →
confirm), /imports/<kind>/template.xlsx."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ticms.accounts.roles import require_role
from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.exports import XLSX
from ticms.web.routes import page

from . import pending, services, template
from .kinds import specs

RETURN_TO = {
    "experts": "reviews:expert_list",
    "centers": "centers:center_list",
    "outputs": "centers:center_list",
    "calendar": "calendar_admin",
}


def _spec(request, kind: str):
    spec = specs().get(kind)
    if spec is None:
        raise Http404
    require_role(request.user, spec.role, doing=f"导入{spec.title}", article=spec.article)
    return spec


@page("imports/")
@login_required
def index(request):
    mine = [s for s in specs().values() if request.user.has_role(s.role)]
    if not mine:
        raise PermissionDenied("您的角色没有可用的数据导入。")
    return render(request, "imports/index.html", {"specs": mine})


def _page(request, spec, *, report=None, token="", error="", status=200):
    return render(
        request, "imports/import.html", {"spec": spec, "report": report, "token": token, "error": error}, status=status
    )


@page("imports/<slug:kind>/")
@login_required
def upload(request, kind: str):
    spec = _spec(request, kind)
    if request.method != "POST":
        return _page(request, spec)
    file = request.FILES.get("file")
    if file is None:
        return _page(request, spec, error="请选择要导入的 .xlsx 文件。", status=422)
    try:
        report = services.dry_run(kind, file, actor=request.user, ip=client_ip(request))
    except ServiceError as exc:
        return _page(request, spec, error=str(exc.detail), status=exc.status)
    token = pending.keep(request, kind, file, report.sm3, report.file_name) if report.ok else ""
    return _page(request, spec, report=report, token=token, status=200 if report.ok else 422)


@page("imports/<slug:kind>/apply")
@login_required
@require_POST
def apply(request, kind: str):
    spec = _spec(request, kind)
    try:
        file, sm3 = pending.take(request, kind, request.POST.get("token", ""))
        try:
            report = services.apply(kind, file, actor=request.user, ip=client_ip(request), expected_sm3=sm3)
        finally:
            file.close()
    except ServiceError as exc:
        return _page(request, spec, error=str(exc.detail), status=exc.status)
    pending.forget(request, kind)
    if not report.applied:
        return _page(
            request,
            spec,
            report=report,
            status=422,
            error="预检之后数据已有变化，重新校验发现以下问题，未导入任何记录。请修改后重新上传。",
        )
    messages.success(request, f"已从“{report.file_name}”导入{spec.title}{report.rows}条。")
    return redirect(RETURN_TO.get(kind, "imports:index"))


@page("imports/<slug:kind>/template.xlsx", name="template")
@login_required
def template_download(request, kind: str):
    spec = _spec(request, kind)
    response = HttpResponse(template.build(spec), content_type=XLSX)
    name = f"{spec.title}导入模板.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
