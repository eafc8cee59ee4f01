"""个人中心 (/account/): profile, password, second factor, API tokens — and the sign-in pages around them."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.params import ascii_int
from ticms.web.feedback import refusal_messages, tell_outcome
from ticms.web.routes import page

from . import passwords, services, sessions, twofactor
from .forms import TOKEN_LIFETIMES, ChangePasswordForm, LoginForm, OtpForm, ProfileForm

TOKENS_PER_PAGE = 50


@page("login/", name="login")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm


def _next(request, default="workbench"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@page("login/otp/")
@login_required
def otp_verify(request):
    """Second step of signing in for the roles that need it."""
    if not twofactor.has_device(request.user):
        return redirect("account_2fa")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request, form.cleaned_data["token"], ip=client_ip(request)):
            return redirect(_next(request))
        form.add_error("token", "动态口令或恢复码不正确（或尝试过快，请稍候再试）。")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request, "")})


@page("logout/", name="logout")
class LogoutView(auth_views.LogoutView):
    """Django's own sign-out (POST only), declared here so every page of the app is routed where it is defined."""


@page("account/", name="account_home")
@login_required
def home(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_own_profile(user=request.user, form=form, ip=client_ip(request))
        messages.success(request, "个人信息已保存。")
        return redirect("account_home")
    return render(request, "accounts/home.html", {
        "form": form,
        "has_2fa": twofactor.has_device(request.user),
        "needs_2fa": twofactor.required(request.user),
        "expires_at": request.user.password_changed_at + passwords.max_age(),
    })


@page("account/password/", name="account_password")
@login_required
def change_password(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.change_own_password(user=request.user, form=form, ip=client_ip(request))
        # A new password ends every session and token; this one goes on under a new key.
        update_session_auth_hash(request, user)
        sessions.track(request, user)
        messages.success(request, "密码已修改。其他设备上的登录和所有API令牌已失效。")
        return redirect("account_home")
    return render(request, "accounts/password.html", {"form": form, "reason": passwords.change_required(request.user)})


@page("account/2fa/", name="account_2fa")
@login_required
def two_factor(request):
    """Enrol a TOTP app (scan the QR code, type a code), or renew the recovery codes."""
    codes = None
    if twofactor.has_device(request.user):
        if request.method == "POST" and request.POST.get("action") == "recovery":
            codes = twofactor.new_recovery_codes(request.user, ip=client_ip(request))
        return render(request, "accounts/two_factor.html", {"enrolled": True, "codes": codes})
    device = twofactor.pending_device(request.user)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm(request, device, form.cleaned_data["token"], ip=client_ip(request))
        if codes is not None:
            return render(request, "accounts/two_factor.html",
                          {"enrolled": True, "codes": codes, "next": _next(request, "")})
        form.add_error("token", "动态口令不正确，请核对手机时间后重新输入。")
    return render(request, "accounts/two_factor.html", {
        "enrolled": False, "form": form, "qr": twofactor.qr_svg(device),
        "secret": twofactor.secret_base32(device), "next": _next(request, ""),
    })


@page("account/tokens/", name="api_tokens")
@login_required
def tokens(request):
    created = None
    if request.method == "POST":
        # Anything but plain digits in range is 0, which the service refuses with the allowed lifetimes.
        days = ascii_int(request.POST.get("expires_in_days", "90"), 1, 10_000) or 0
        try:
            _token, created = services.create_api_token(
                user=request.user, name=request.POST.get("name", ""), expires_in_days=days, ip=client_ip(request)
            )
        except ServiceError as exc:
            refusal_messages(request, exc)
    # Revoked and expired tokens stay listed (what was used, and until when): a page of them at a time.
    page_obj = Paginator(request.user.api_tokens.order_by("-created_at", "-pk"), TOKENS_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": page_obj.object_list, "page_obj": page_obj, "created": created, "lifetimes": TOKEN_LIFETIMES},
    )


@page("account/tokens/<int:token_id>/revoke/", name="api_token_revoke")
@login_required
@require_POST
def revoke_token(request, token_id: int):
    tell_outcome(request, lambda: services.revoke_api_token(user=request.user, token_id=token_id,
                                                            ip=client_ip(request)),
                 "令牌已吊销，使用它的程序将无法再访问。")
    return redirect("api_tokens")
