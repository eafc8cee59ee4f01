"""Password rules of GB/T 22239-2019 8.1.4.1 (身份鉴别): complexity, no reuse, periodic change.

The validators are listed in settings.AUTH_PASSWORD_VALIDATORS, so every form that sets a password
(change page, Django admin, reset) applies them.
"""

from __future__ import annotations

import datetime
import string

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from .credentials import PASSWORD_HISTORY


def _classes(password: str) -> int:
    kinds = [
        any(c in string.ascii_lowercase for c in password),
        any(c in string.ascii_uppercase for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    return sum(kinds)


class CharacterClassValidator:
    """At least three of: lower-case letters, upper-case letters, digits, symbols."""

    def validate(self, password, user=None):
        if _classes(password) < 3:
            raise ValidationError("密码须包含大写字母、小写字母、数字、符号中的至少三类。", code="password_classes")

    def get_help_text(self):
        return "密码须包含大写字母、小写字母、数字、符号中的至少三类。"


class NotUsernameValidator:
    def validate(self, password, user=None):
        username = getattr(user, "username", "") or ""
        if username and username.lower() in password.lower():
            raise ValidationError("密码不能包含用户名。", code="password_has_username")

    def get_help_text(self):
        return "密码不能包含用户名。"


class HistoryValidator:
    """Not one of the last five passwords (the current one included)."""

    def validate(self, password, user=None):
        if user is None or not user.pk:
            return
        hashes = list(user.password_history.values_list("password", flat=True)[:PASSWORD_HISTORY])
        if user.password and user.password not in hashes:
            hashes.append(user.password)
        if any(check_password(password, h) for h in hashes):
            raise ValidationError(f"不能使用最近{PASSWORD_HISTORY}次用过的密码。", code="password_reused")

    def get_help_text(self):
        return f"不能使用最近{PASSWORD_HISTORY}次用过的密码。"


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.TICMS_PASSWORD_MAX_AGE_DAYS)


def password_expired(user) -> bool:
    return settings.TICMS_PASSWORD_MAX_AGE_DAYS > 0 and user.password_changed_at + max_age() < timezone.now()


def change_required(user) -> str:
    """Why the user must change their password now ("" when they need not)."""
    if user.must_change_password:
        return "initial"
    if password_expired(user):
        return "expired"
    return ""
