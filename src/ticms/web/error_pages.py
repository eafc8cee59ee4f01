"""What a person sees when a request fails (Chinese pages in the site layout), and what the API answers instead.

Set as handler400/403/404/500 in ticms.urls; Django calls them only with DEBUG off. Paths under /api/ get the
API's JSON {"error", "detail"}: a path the API does not know would otherwise get an HTML page.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

from .context import footer_items
from .security import API_PREFIX

logger = logging.getLogger("ticms.web")

FORBIDDEN_DEFAULT = "您没有访问此页面的权限。如需开通，请联系本单位的安全管理员。"
SERVER_ERROR = "服务器处理请求时出错，错误已记录。请稍后重试；如果问题持续，请联系系统管理员。"
# Served when even the 500 template cannot be rendered (a broken template or URLconf): no template, no database.
PLAIN_SERVER_ERROR = (
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>系统出错</title></head>'
    f"<body><h1>系统出错（500）</h1><p>{SERVER_ERROR}</p><p><a href=\"/\">返回首页</a></p></body></html>"
)


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _page(request, template: str, status: int, **context) -> HttpResponse:
    return HttpResponse(render_to_string(template, context, request=request), status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    if _is_api(request):
        return JsonResponse({"error": "bad_request", "detail": "请求格式无效。"}, status=400)
    return _page(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    # PermissionDenied messages in ticms are Chinese sentences written for the user ("只有……可以……（第五条）。").
    detail = str(exception) if exception is not None and str(exception) else FORBIDDEN_DEFAULT
    if _is_api(request):
        return JsonResponse({"error": "forbidden", "detail": detail}, status=403)
    return _page(request, "403.html", 403, detail=detail)


@requires_csrf_token
def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse(
            {"error": "not_found", "detail": f"没有这个接口：{request.path}。接口列表见 /api/v1/docs。"}, status=404
        )
    # The exception's own text is Django's English ("No Application matches the given query."): not shown.
    return _page(request, "404.html", 404, request_path=request.path)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"error": "server_error", "detail": SERVER_ERROR}, status=500)
    # Rendered without the request: no session, no user, no query, since the database may be what failed.
    try:
        html = render_to_string("500.html", {"site_footer": footer_items()})
    except Exception:
        logger.exception("the 500 page could not be rendered")
        html = PLAIN_SERVER_ERROR
    return HttpResponse(html, status=500)


def csrf_failure(request, reason=""):
    """A form posted from a page that expired (or from another site): say so in Chinese, not Django's English page."""
    detail = "页面已过期或来自其他网站，安全校验未通过。请返回刷新页面后重新提交。"
    if _is_api(request):
        return JsonResponse({"error": "csrf_failed", "detail": detail}, status=403)
    return _page(request, "403.html", 403, detail=detail)
