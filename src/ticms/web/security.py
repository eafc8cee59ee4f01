"""Hardening that applies to every answer (docs/security.md, 入侵防范).

- `RequestSizeMiddleware`: a request whose declared body is over the limit is refused with 413 before a byte of
  it is read (Django would otherwise spool the whole upload to disk first).
- `InputValidationMiddleware`: a NUL character in the query string, a form or a JSON body is refused with 400
  (JSON for the API, a Chinese page otherwise); PostgreSQL cannot store it and answered with a server error.
- `SecurityHeadersMiddleware`: Content-Security-Policy, Permissions-Policy and `Cache-Control: no-store` on
  signed-in pages and on every API answer, so a shared computer's browser cache keeps no business data.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control

from ticms.documents.uploads import human_size
from ticms.params import has_nul

API_PREFIX = "/api/"

# No inline script and no eval anywhere: scripts are files under /static/ (web/ticms.js). Style *attributes*
# stay allowed: ECharts writes its tooltips and the qrcode package its SVG with style="…", and a style
# attribute cannot run script; <style> elements and stylesheets must still come from this server.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "usb", "interest-cohort",
))


def body_limit() -> int:
    # One attachment plus room for the other form fields and the multipart framing.
    return settings.TICMS_MAX_UPLOAD_BYTES + 1024 * 1024


def refuse(request, status: int, error: str, detail: str) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"error": error, "detail": detail}, status=status)
    html = render_to_string("web/refused.html", {"status": status, "detail": detail}, request=request)
    return HttpResponse(html, status=status)


class RequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refuse(request, 400, "bad_request", "请求头 Content-Length 无效。")
        limit = body_limit()
        if declared > limit:
            response = refuse(request, 413, "file_too_large",
                              f"请求大小为 {human_size(declared)}，超过单个附件上限 "
                              f"{human_size(settings.TICMS_MAX_UPLOAD_BYTES)}，未予接收。")
            # The unread body cannot be skipped on a kept-alive connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class InputValidationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return refuse(request, 400, "bad_request", "请求中含有空字符（NUL），请删除后重试。")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if has_nul(list(request.GET.lists())):
            return True
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return False
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            if has_nul(list(request.POST.lists())):
                return True
            return any(has_nul(f.name or "") for files in request.FILES.lists() for f in files[1])
        if content_type.endswith("json"):
            try:
                return has_nul(json.loads(request.body or b"null"))
            except ValueError:
                # Not JSON at all: the view answers that (ninja with 400 or 422); a raw NUL byte is still NUL.
                return b"\x00" in request.body
        return False


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if request.path_info.startswith(API_PREFIX) or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
