"""Storing one message for one person with its pending deliveries, and trying them (inbox, e-mail, SMS)."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import channels
from .models import Channel, Delivery, DeliveryStatus, Message, Preference
from .rules import is_mandatory

logger = logging.getLogger("ticms.notifications")

# A channel's default when the person has not chosen: the inbox always, e-mail on, SMS off.
DEFAULT_ON = {Channel.EMAIL: True, Channel.SMS: False}


def channels_for(user, kind: str) -> list[str]:
    """The outside channels `user` gets `kind` on (the inbox is always kept). Mandatory kinds: every channel."""
    if is_mandatory(kind):
        wanted = [Channel.EMAIL, Channel.SMS]
    else:
        chosen = dict(Preference.objects.filter(user=user, kind=kind).values_list("channel", "enabled"))
        wanted = [c for c, default in DEFAULT_ON.items() if chosen.get(c, default)]
    return [str(c) for c in wanted]


def _address(user, channel: str) -> str:
    return (user.email if channel == Channel.EMAIL else user.phone) or ""


def post(
    *,
    recipient,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    event_seq: int | None = None,
    reminder_key: str | None = None,
) -> Message | None:
    """Store one message and its pending deliveries; None if this person already has it (a rerun of the same
    event or reminder adds nothing)."""
    try:
        with transaction.atomic():
            message = Message.objects.create(
                recipient=recipient,
                kind=kind,
                title=title[:300],
                body=body,
                url=url,
                event_seq=event_seq,
                reminder_key=reminder_key,
            )
            now = timezone.now()
            for channel in channels_for(recipient, kind):
                address = _address(recipient, channel)
                Delivery.objects.create(
                    message=message,
                    channel=channel,
                    address=address,
                    status=DeliveryStatus.PENDING if address else DeliveryStatus.SKIPPED,
                    next_attempt_at=now if address else None,
                )
    except IntegrityError:
        return None
    return message


def send_pending(messages) -> None:
    for message in messages:
        for delivery in message.deliveries.filter(status=DeliveryStatus.PENDING):
            channels.attempt(delivery)
