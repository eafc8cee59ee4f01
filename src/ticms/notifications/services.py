"""The one message pipeline: an event or a reminder becomes a stored message per person, then its deliveries."""

from __future__ import annotations

import datetime
import logging

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from ticms.audit.models import Event

from . import channels
from .models import Channel, Delivery, DeliveryStatus, Message, Preference
from .recipients import recipients
from .rules import RULES, is_mandatory

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


def post(*, recipient, kind: str, title: str, body: str = "", url: str = "", event_seq: int | None = None,
         reminder_key: str | None = None) -> Message | None:
    """Store one message and its pending deliveries; None if this person already has it (a rerun of the same
    event or reminder adds nothing)."""
    try:
        with transaction.atomic():
            message = Message.objects.create(recipient=recipient, kind=kind, title=title[:300], body=body,
                                             url=url, event_seq=event_seq, reminder_key=reminder_key)
            now = timezone.now()
            for channel in channels_for(recipient, kind):
                address = _address(recipient, channel)
                Delivery.objects.create(
                    message=message, channel=channel, address=address,
                    status=DeliveryStatus.PENDING if address else DeliveryStatus.SKIPPED,
                    next_attempt_at=now if address else None)
    except IntegrityError:
        return None
    return message


def send_pending(messages) -> None:
    for message in messages:
        for delivery in message.deliveries.filter(status=DeliveryStatus.PENDING):
            channels.attempt(delivery)


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
    from .reminders import event_lines

    lines += event_lines(event, record)
    if callable(extra):
        lines += extra()
    lines.append(f"时间：{timezone.localtime(event.at):%Y年%m月%d日 %H:%M}")
    return title, "\n".join(lines)


def _url(record) -> str:
    from ticms.reviews.models import Panel

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


def notify_on_commit(event: Event) -> None:
    """Queue `notify` for an event once the transaction that wrote it commits (rolled back: nobody is told)."""
    if event.action not in RULES:
        return
    seq = event.seq
    transaction.on_commit(lambda: enqueue_notify(seq))


def enqueue_notify(seq: int) -> None:
    from .tasks import notify_task

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
    from .rules import all_kinds

    for kind, _label, mandatory in all_kinds():
        if mandatory:
            continue
        wanted = choices.get(kind, set())
        for channel in DEFAULT_ON:
            Preference.objects.update_or_create(user=user, kind=kind, channel=channel,
                                                defaults={"enabled": str(channel) in wanted})


def unread_count(user) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


def sweep_unnotified(days: int = 2) -> int:
    """Notify the recent events of the rule table that have no message yet — their task was lost (a queue that
    was down when the action committed). Events with nobody to tell are looked at again: cheap, and harmless."""
    since = timezone.now() - datetime.timedelta(days=days)
    told = Message.objects.filter(event_seq__isnull=False, created_at__gte=since).values("event_seq")
    seqs = (Event.objects.filter(at__gte=since, action__in=list(RULES)).exclude(seq__in=told)
            .values_list("seq", flat=True))
    count = 0
    for seq in seqs:
        if notify(seq):
            count += 1
    return count
