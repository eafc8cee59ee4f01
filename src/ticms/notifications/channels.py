"""Sending one delivery on its channel, with retries and back-off; nothing is dropped when a server is down."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from .models import Channel, Delivery, DeliveryStatus
from .sms import gateway

# Minutes to wait after the 1st, 2nd, … failure; after the last the delivery stops and shows on the admin page.
BACKOFF_MINUTES = (1, 5, 30, 120, 720, 1440)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
# While one worker sends, others leave the delivery alone this long (a crashed worker's claim runs out).
CLAIM = datetime.timedelta(minutes=10)
FOOTER = "（本邮件由朔州市技术创新中心管理系统自动发送，请勿回复。）"


def link(message) -> str:
    return f"{settings.TICMS_SITE_URL}{message.url}" if message.url else settings.TICMS_SITE_URL


def _send(delivery: Delivery) -> None:
    message = delivery.message
    if delivery.channel == Channel.EMAIL:
        body = f"{message.body}\n\n查看详情：{link(message)}\n\n{FOOTER}"
        EmailMessage(subject=f"[朔州市技术创新中心] {message.title}", body=body, to=[delivery.address]).send()
    elif delivery.channel == Channel.SMS:
        gateway().send(delivery.address, f"【{settings.TICMS_SMS_SIGNATURE}】{message.title}。详见系统站内消息。")
    else:
        raise ValueError(f"channel {delivery.channel} is not sent")


def attempt(delivery: Delivery, *, now: datetime.datetime | None = None) -> bool:
    """Try once to send a due delivery; returns True when sent. A delivery another worker holds is left alone."""
    now = now or timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery.pk, status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED], next_attempt_at__lte=now,
    ).update(next_attempt_at=now + CLAIM)
    if not claimed:
        return False
    delivery.refresh_from_db()
    try:
        _send(delivery)
    except Exception as exc:  # noqa: BLE001 - any failure of the outside server is recorded and retried
        delivery.attempts += 1
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.GAVE_UP, None
        else:
            wait = BACKOFF_MINUTES[delivery.attempts - 1]
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = timezone.now() + datetime.timedelta(minutes=wait)
        delivery.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    delivery.attempts += 1
    delivery.status, delivery.sent_at, delivery.next_attempt_at = DeliveryStatus.SENT, timezone.now(), None
    delivery.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
    return True


def due_deliveries(now: datetime.datetime | None = None):
    now = now or timezone.now()
    return Delivery.objects.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED],
                                   next_attempt_at__lte=now).select_related("message").order_by("next_attempt_at")


def retry_due(limit: int = 500) -> dict:
    """The retry job: send what is due again. Returns counts for the job's result line."""
    sent = failed = 0
    for delivery in list(due_deliveries()[:limit]):
        if attempt(delivery):
            sent += 1
        else:
            failed += 1
    return {"sent": sent, "failed": failed}
