"""The one message pipeline: an audit event is queued for `events.notify` once its transaction commits; a
person reads and chooses channels. Storing and sending a message is `posting`; turning an event into messages
is `events`; the queue's tasks are `tasks`."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from ticms.audit.models import Event

from .models import Message, Preference
from .posting import DEFAULT_ON
from .rules import RULES, all_kinds
from .tasks import notify_task

logger = logging.getLogger("ticms.notifications")


def notify_on_commit(event: Event) -> None:
    """Queue `notify` for an event once the transaction that wrote it commits (rolled back: nobody is told)."""
    if event.action not in RULES:
        return
    seq = event.seq
    transaction.on_commit(lambda: enqueue_notify(seq))


def enqueue_notify(seq: int) -> None:
    try:
        notify_task.enqueue(seq)
    except Exception:  # noqa: BLE001 - the action itself has committed; the sweep in the retry job catches up
        logger.exception("could not queue notification of event %s", seq)


def mark_read(*, user, message: Message) -> Message:
    if message.recipient_id != user.pk:
        raise PermissionError
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message


def mark_all_read(*, user) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def set_preferences(*, user, choices: dict[str, set[str]]) -> None:
    """`choices` maps a kind to the outside channels the user wants it on; mandatory kinds cannot be turned off."""
    for kind, _label, mandatory in all_kinds():
        if mandatory:
            continue
        wanted = choices.get(kind, set())
        for channel in DEFAULT_ON:
            Preference.objects.update_or_create(user=user, kind=kind, channel=channel,
                                                defaults={"enabled": str(channel) in wanted})


def unread_count(user) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()
