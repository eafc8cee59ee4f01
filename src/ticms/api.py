"""The REST API at /api/v1/ (django-ninja). Each app contributes a router from its own api.py."""

import logging

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ticms.accounts.api import router as accounts_router
from ticms.accounts.auth import api_auth
from ticms.applications.api import router as applications_router
from ticms.audit.api import router as audit_router
from ticms.calls.api import router as calls_router
from ticms.centers.api import router as centers_router
from ticms.documents.api import router as documents_router
from ticms.errors import ServiceError
from ticms.evaluations.api import router as evaluations_router
from ticms.imports.api import router as imports_router
from ticms.notices.api import router as notices_router
from ticms.policy.citation import cite
from ticms.reviews.api import router as reviews_router
from ticms.workflow.api import build_router
from ticms.workflow.core import WorkflowError

logger = logging.getLogger("ticms.api")

api = NinjaAPI(
    title="ticms API",
    version="1",
    description=(
        "朔州市技术创新中心管理系统 — REST API. Errors are JSON {\"error\", \"detail\"}, "
        "with \"article\" (code, e.g. 9(4)) and \"citation\" (第九条第（四）项) when the measures decide."
    ),
    urls_namespace="api",
    auth=api_auth,
)


def _error(request, status: int, error: str, detail, article: str = ""):
    body = {"error": error, "detail": detail}
    if article:
        # The stable code for programs, and beside it the citation people read (docs/architecture.md).
        body.update(article=article, citation=cite(article))
    return api.create_response(request, body, status=status)


@api.exception_handler(NinjaValidationError)
def _validation(request, exc):
    return _error(request, 422, "validation_error", exc.errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, 401, "unauthenticated", "请先登录，或在 Authorization 头中提供有效的 Bearer 令牌。")


@api.exception_handler(HttpError)
def _http_error(request, exc):
    codes = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 409: "conflict"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", "记录不存在，或您无权查看。")


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, "forbidden", str(exc) or "您无权执行此操作。", getattr(exc, "article", ""))


@api.exception_handler(WorkflowError)
def _workflow(request, exc):
    return _error(request, exc.status, exc.error, [r.as_dict() for r in exc.reasons])


@api.exception_handler(ServiceError)
def _service(request, exc):
    detail = exc.detail if isinstance(exc.detail, list | dict) else str(exc.detail)
    return _error(request, exc.status, exc.error, detail, exc.article)


@api.exception_handler(DjangoValidationError)
def _model_validation(request, exc):
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return _error(request, 422, "validation_error", detail)


@api.exception_handler(SuspiciousOperation)
def _bad_request(request, exc):
    # Django's own refusals of a malformed request (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields).
    return _error(request, 400, "bad_request", "请求格式无效或内容过大。")


@api.exception_handler(Exception)
def _server_error(request, exc):
    # A bug, not the caller's fault: logged with its traceback, answered in the API's own shape (never HTML).
    logger.exception("API %s %s failed", request.method, request.path)
    return _error(request, 500, "server_error", "服务器处理请求时出错，已记录。请稍后重试或联系系统管理员。")


# Each app's router declares its own paths (/calls, /applications, …) so this list is the whole map.
api.add_router("/", build_router())
for _router in (accounts_router, calls_router, applications_router, reviews_router, notices_router,
                centers_router, evaluations_router, documents_router, imports_router, audit_router):
    api.add_router("/", _router)
