"""Who is signed in where: one row per sign-in, one session per user, ending a session from outside.

Django keeps the session data; a UserSession row says whose it is and, once ended, why — so the next request
of an ended session can tell its user on the sign-in page.
"""

from __future__ import annotations

import time
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from ticms.audit.services import record
from ticms.audit.signals import client_ip

from .models import UserSession

SEEN_KEY = "ticms_seen"


def _store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def track(request, user) -> None:
    """Called on sign-in: note the new session and, with TICMS_SINGLE_SESSION, end the user's others."""

    request.session[SEEN_KEY] = int(time.time())
    key = request.session.session_key
    if key is None:
        request.session.save()
        key = request.session.session_key
    if settings.TICMS_SINGLE_SESSION:
        ended = end_sessions(user, reason=UserSession.EndReason.REPLACED, keep=key)
        if ended:
            record("auth.session_replaced", actor=user, obj=user, data={"sessions": ended}, ip=client_ip(request))
    UserSession.objects.update_or_create(
        session_key=key,
        defaults={"user": user, "ip": client_ip(request), "started_at": timezone.now(),
                  "last_seen_at": timezone.now(), "ended_at": None, "end_reason": "",
                  "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]},
    )


def end_sessions(user, *, reason: str, keep: str | None = None) -> int:
    """End every open session of `user` (but `keep`); returns how many."""
    open_ = UserSession.objects.filter(user=user, ended_at__isnull=True)
    if keep:
        open_ = open_.exclude(session_key=keep)
    keys = list(open_.values_list("session_key", flat=True))
    for key in keys:
        _store(key).delete()
    UserSession.objects.filter(session_key__in=keys).update(ended_at=timezone.now(), end_reason=reason)
    return len(keys)


def end_one(session: UserSession, *, reason: str) -> None:
    _store(session.session_key).delete()
    UserSession.objects.filter(pk=session.pk).update(ended_at=timezone.now(), end_reason=reason)


def signed_out(request) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key, ended_at__isnull=True).update(
            ended_at=timezone.now(), end_reason=UserSession.EndReason.SIGNED_OUT
        )


def online():
    """Open sessions whose Django session is still alive (an idle one has expired)."""

    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(ended_at__isnull=True, session_key__in=live).select_related("user")


def touch(request) -> None:
    """Activity: at most once a minute, save the session (its idle deadline moves on) and its row's
    last_seen_at — not a write on every request."""
    now = int(time.time())
    seen = request.session.get(SEEN_KEY, 0)
    if now - seen < 60:
        return
    request.session[SEEN_KEY] = now
    key = request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).update(last_seen_at=timezone.now())
