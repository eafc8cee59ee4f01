"""Before any page: say why an ended session ended; then require the second factor and a password change
where they are due. Pages answer with a redirect, the API with a JSON 403."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from . import passwords, sessions, twofactor
from .models import UserSession

ENDED_MESSAGES = {
    UserSession.EndReason.REPLACED: "您的账号已在其他地方登录，本会话已结束。如非本人操作，请立即修改密码。",
    UserSession.EndReason.FORCED: "安全管理员已结束您的会话，请重新登录。",
    UserSession.EndReason.CREDENTIALS: "您的密码已修改或账号已停用，请重新登录。",
    UserSession.EndReason.IDLE: "您已超过30分钟未操作，会话已结束，请重新登录。",
}

# Reachable while a second factor or a password change is pending (and by anyone: static files, captcha).
OPEN_PREFIXES = ("/static/", "/captcha/", "/logout/", "/login/")


def _api_refusal(error: str, detail: str) -> JsonResponse:
    return JsonResponse({"error": error, "detail": detail}, status=403)


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = request.user
        if not user.is_authenticated:
            self._explain_ended_session(request)
            return self.get_response(request)
        if path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        sessions.touch(request)
        is_api = path.startswith("/api/")
        if twofactor.required(user) and not twofactor.session_verified(request):
            if is_api:
                return _api_refusal("second_factor_required", "请先在网页上完成双因素认证（动态口令）。")
            target = reverse("otp_verify") if twofactor.has_device(user) else reverse("account_2fa")
            if path != target:
                return redirect(f"{target}?next={request.get_full_path()}")
            return self.get_response(request)
        reason = passwords.change_required(user)
        if reason:
            detail = "初始密码或重置后的密码须先修改。" if reason == "initial" else "密码已超过有效期，须先修改。"
            if is_api:
                return _api_refusal("password_change_required", detail + "请在网页“个人中心”修改密码。")
            target = reverse("account_password")
            if path != target:
                messages.warning(request, detail)
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _explain_ended_session(request) -> None:
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not key or request.path_info.startswith(("/static/", "/api/")):
            return
        row = UserSession.objects.filter(session_key=key).first()
        if row is None:
            return
        if row.ended_at is None:
            # The row is open but Django no longer has the session: it expired while idle.
            UserSession.objects.filter(pk=row.pk).update(ended_at=timezone.now(), end_reason=UserSession.EndReason.IDLE)
            row.end_reason = UserSession.EndReason.IDLE
        if row.end_reason in ENDED_MESSAGES:
            messages.warning(request, ENDED_MESSAGES[row.end_reason])
