"""What follows a change of credentials, on every path (change page, Django admin, reset, `ticms` commands):
the password joins the history, and a new password or a disabled account ends API tokens and sessions."""

from __future__ import annotations

from django.utils import timezone

from .models import ApiToken, PasswordHistory
from .sessions import end_sessions

PASSWORD_HISTORY = 5


def after_save(user, *, password_changed: bool) -> None:
    if password_changed and user.password:
        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[PASSWORD_HISTORY:]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()
    if password_changed or not user.is_active:
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if not user.is_active:
        end_sessions(user, reason="credentials")
