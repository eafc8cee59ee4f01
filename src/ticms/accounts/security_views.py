"""The security administrator's pages beside roles: who is online (and ending a session), locked-out accounts
and addresses (and unlocking them), and resetting a password."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.web.routes import page

from . import services, sessions
from .models import User, UserSession
from .roles import Role, role_required

# Every page here: signed in (else the sign-in page), then the security administrator's only.
_security_admin = role_required(Role.SECURITY_ADMIN, doing="管理角色和账号安全")


@page("security/online/", name="security_online")
@_security_admin
def online(request):
    page = Paginator(sessions.online().order_by("user__username", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/online.html", {"page_obj": page, "sessions": page.object_list})


@page("security/online/<int:session_id>/end/", name="security_force_sign_out")
@_security_admin
@require_POST
def force_sign_out(request, session_id: int):
    row = get_object_or_404(UserSession, pk=session_id, ended_at__isnull=True)
    services.force_sign_out(actor=request.user, session=row, ip=client_ip(request))
    messages.success(request, f"已结束 {row.user.username} 的会话。")
    return redirect("security_online")


def _lockouts():
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=since).order_by("-attempt_time")


@page("security/lockouts/", name="security_lockouts")
@_security_admin
def lockouts(request):
    page = Paginator(_lockouts(), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/lockouts.html", {"page_obj": page, "attempts": page.object_list,
                                                      "limit": settings.AXES_FAILURE_LIMIT})


@page("security/lockouts/<int:attempt_id>/unlock/", name="security_unlock")
@_security_admin
@require_POST
def unlock(request, attempt_id: int):
    attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
    services.unlock(actor=request.user, attempt=attempt, ip=client_ip(request))
    messages.success(request, f"已解除 {attempt.username or attempt.ip_address} 的锁定。")
    return redirect("security_lockouts")


@page("security/users/<int:user_id>/reset-password/", name="security_reset_password")
@_security_admin
@require_POST
def reset_password(request, user_id: int):
    user = get_object_or_404(User, pk=user_id)
    try:
        raw = services.reset_password(actor=request.user, user=user, ip=client_ip(request))
    except ServiceError as exc:
        messages.error(request, str(exc.detail))
        return redirect("security_roles")
    return render(request, "accounts/password_reset_done.html", {"target": user, "password": raw})
