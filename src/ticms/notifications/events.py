"""Turning one audit event into messages for the people its rule names (notifications/rules.py)."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.utils import timezone

from ticms.audit.models import Event
from ticms.reviews.models import Panel

from .models import Message
from .posting import post, send_pending
from .recipients import recipients
from .reminders import event_lines
from .rules import RULES


def _record_of(event: Event):
    if not event.object_type or not event.object_id:
        return None
    try:
        model = apps.get_model(event.object_type)
        return model._base_manager.get(pk=event.object_id)
    except (LookupError, ValueError, model.DoesNotExist):
        return None


def _text(event: Event, record, rule) -> tuple[str, str]:
    subject = str(record)
    title = f"{rule.label}：{subject}"
    lines = [f"{subject}", f"事项：{rule.label}"]
    comment = (event.data or {}).get("comment")
    if comment:
        lines.append(f"意见：{comment}")
    extra = getattr(record, "notification_lines", None)
    lines += event_lines(event, record)
    if callable(extra):
        lines += extra()
    lines.append(f"时间：{timezone.localtime(event.at):%Y年%m月%d日 %H:%M}")
    return title, "\n".join(lines)


def _url(record) -> str:
    if isinstance(record, Panel):
        return "/reviews/mine/"
    get_url = getattr(record, "get_absolute_url", None)
    try:
        return get_url() if callable(get_url) else ""
    except Exception:  # noqa: BLE001 - a record without a page still gets its message, just without a link
        return ""


def notify(event_seq: int) -> list[Message]:
    """Turn one audit event into messages for the people of its rule, then try their deliveries once."""
    event = Event.objects.filter(seq=event_seq).first()
    rule = RULES.get(event.action) if event else None
    if rule is None:
        return []
    record = _record_of(event)
    if record is None:
        return []
    title, body = _text(event, record, rule)
    url = _url(record)
    created = []
    for user in recipients(record, rule.audiences, exclude=event.actor_id):
        message = post(recipient=user, kind=event.action, title=title, body=body, url=url, event_seq=event.seq)
        if message is not None:
            created.append(message)
    send_pending(created)
    return created


def sweep_unnotified(days: int = 2) -> int:
    """Notify the recent events of the rule table that have no message yet — their task was lost (a queue that
    was down when the action committed). Events with nobody to tell are looked at again: cheap, and harmless."""
    since = timezone.now() - datetime.timedelta(days=days)
    told = Message.objects.filter(event_seq__isnull=False, created_at__gte=since).values("event_seq")
    seqs = (
        Event.objects.filter(at__gte=since, action__in=list(RULES)).exclude(seq__in=told).values_list("seq", flat=True)
    )
    count = 0
    for seq in seqs:
        if notify(seq):
            count += 1
    return count
