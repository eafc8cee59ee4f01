"""Messages (one per recipient and event or reminder), their deliveries per channel, preferences, scheduled jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ticms.vocabulary import Vocabulary

vocabulary = Vocabulary(__name__)
Channel = vocabulary.choices("Channel")


class Message(models.Model):
    """What one person is told. The inbox is this table; e-mail and SMS are `Delivery` rows of it."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField("类别", max_length=60)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    # The audit event it tells about, or the reminder it is (kind:object:deadline:lead) — each at most once a person.
    event_seq = models.BigIntegerField(null=True, blank=True)
    reminder_key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="message_unread_idx")]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_seq"], name="message_once_per_event",
                                    condition=models.Q(event_seq__isnull=False)),
            models.UniqueConstraint(fields=["recipient", "reminder_key"], name="message_once_per_reminder",
                                    condition=models.Q(reminder_key__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.title


DeliveryStatus = vocabulary.choices("DeliveryStatus")


class Delivery(models.Model):
    """One message on one outside channel (e-mail, SMS): stored before sending, so a mail server that is down loses
    nothing — the retry job sends it later, with back-off."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    address = models.CharField("地址", max_length=254, blank=True)
    status = models.CharField("状态", max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    next_attempt_at = models.DateTimeField("下次尝试", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]
        constraints = [models.UniqueConstraint(fields=["message", "channel"], name="delivery_once_per_channel")]


class Preference(models.Model):
    """A user's choice of one channel for one kind of message. No row: the channel's default (Channel defaults)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_preferences")
    kind = models.CharField(max_length=60)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "channel"], name="preference_unique")]


class ScheduledJob(models.Model):
    """The state of one scheduled job (tick, reminders, retries): when it last ran, how long, how it ended, and when
    it is next due. The worker's scheduler claims a due job by moving `next_run_at` under a row lock."""

    name = models.CharField(max_length=40, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(null=True, blank=True)
    last_ok = models.BooleanField(null=True)
    last_result = models.TextField(blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
