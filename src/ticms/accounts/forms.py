"""Sign-in, second factor, password change and profile forms (Chinese labels, errors next to the field)."""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.db.models import Q, Sum
from django.utils import timezone

from ticms.audit.signals import client_ip

from .models import User


def recent_failures(*, username: str, ip: str | None) -> int:
    """Failed sign-ins counted by django-axes for this account or this address in the lockout window."""

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    match = Q(username=username) if username else Q(pk__in=[])
    if ip:
        match |= Q(ip_address=ip)
    rows = AccessAttempt.objects.filter(match, attempt_time__gte=since)
    return rows.aggregate(n=Sum("failures_since_start"))["n"] or 0


class LoginForm(AuthenticationForm):
    """Django's sign-in form, with a captcha once this account or address has failed twice."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。连续5次错误后账号将被锁定15分钟。",
        "inactive": "该账号已停用。",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)

        username = (self.data.get("username") or "").strip() if self.is_bound else ""
        if recent_failures(username=username, ip=client_ip(request)) >= settings.CAPTCHA_AFTER_FAILURES:
            self.fields["captcha"] = CaptchaField(
                label="验证码", error_messages={"invalid": "验证码不正确，请重新输入。", "required": "请输入验证码。"}
            )

    def clean(self):
        if "captcha" in self.fields and "captcha" in self.errors:
            # No password check without a right captcha: guessing must solve one per attempt.
            return self.cleaned_data
        return super().clean()


class OtpForm(forms.Form):
    token = forms.CharField(label="动态口令或恢复码", max_length=16,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}))


class ChangePasswordForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "当前密码不正确。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = "当前密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password1"].help_text = (
            "至少8位，包含大写字母、小写字母、数字、符号中的至少三类，不含用户名，不与最近5次相同。"
        )
        self.fields["new_password2"].label = "再次输入新密码"


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "email", "phone"]
        labels = {"display_name": "姓名", "email": "电子邮箱", "phone": "电话"}


TOKEN_LIFETIMES = [(30, "30天"), (90, "90天"), (180, "180天")]


def token_expiry(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)
