"""/api/v1/imports/<kind>: the same dry run and apply as the pages, answering the report as JSON."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse, JsonResponse
from ninja import File, Form, Router
from ninja.files import UploadedFile

from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.exports import XLSX

from . import services, template
from .kinds import spec_for

router = Router(tags=["imports"])


def _refusal(exc: ServiceError, status: int | None = None) -> JsonResponse:
    """A file refused as a whole answers in the API's error shape, with the same `errors` list as a report."""
    detail = str(exc.detail)
    body = {
        "error": exc.error,
        "detail": detail,
        "errors": [{"row": None, "column": "", "message": detail, "text": detail}],
    }
    return JsonResponse(body, status=status or exc.status, json_dumps_params={"ensure_ascii": False})


@router.post(
    "/imports/{kind}",
    summary="Import an XLSX into a register: dry run (default) or apply",
    response={200: dict, 404: dict, 409: dict, 413: dict, 422: dict},
)
def post_import(request, kind: str, file: File[UploadedFile], dry_run: bool = True, expected_sm3: Form[str] = ""):
    spec_for(kind)
    run = services.dry_run if dry_run else services.apply
    kwargs = {} if dry_run else {"expected_sm3": expected_sm3}
    try:
        report = run(kind, file, actor=request.user, ip=client_ip(request), **kwargs)
    except ServiceError as exc:
        if exc.error == "unknown_import":
            raise
        return _refusal(exc)
    body = report.as_dict()
    if report.ok or dry_run:
        return JsonResponse(body, status=200, json_dumps_params={"ensure_ascii": False})
    body.update(error="import_invalid", detail=f"发现{len(report.problems)}处问题，未导入任何记录。")
    return JsonResponse(body, status=422, json_dumps_params={"ensure_ascii": False})


@router.get("/imports/{kind}/template", summary="The import template of a kind (XLSX)")
def get_template(request, kind: str):
    from ticms.accounts.roles import require_role

    spec = spec_for(kind)
    require_role(request.user, spec.role, doing=f"导入{spec.title}", article=spec.article)
    response = HttpResponse(template.build(spec), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(spec.title + '导入模板.xlsx')}"
    return response
