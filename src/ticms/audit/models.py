from django.conf import settings
from django.db import models
from django.utils import timezone

from ticms.vocabulary import Vocabulary

vocabulary = Vocabulary(__name__)


class AppendOnlyError(Exception):
    pass


class Event(models.Model):
    """One thing that happened. Append-only and hash-chained: `hash = SM3(prev_hash + canonical body)`.

    An event is written unsealed inside the business transaction (`seq` from the database's sequence, no hashes)
    and sealed after commit (`ticms.audit.services.seal`): `chain_no`, `prev_hash` and `hash` are set once, in
    chain order, and never again (docs/architecture.md, "Sealing after commit"). `seq` may have gaps (a rolled-back
    transaction takes its number with it); `chain_no` has none."""

    seq = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, null=True, blank=True)
    hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Position in the chain, given when sealed; the order verify walks (not `seq`: events commit out of order).
    chain_no = models.BigIntegerField(null=True, blank=True, unique=True)
    # Which canonical form sealed this event (ticms.audit.chain): events keep verifying with the form they were
    # written with when a later version seals more fields.
    canonical_version = models.PositiveSmallIntegerField(default=2)

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "seq"], name="audit_object_idx"),
            models.Index(fields=["seq"], condition=models.Q(hash__isnull=True), name="audit_unsealed_idx"),
        ]
        verbose_name = verbose_name_plural = "审计事件"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")


class ChainHead(models.Model):
    """A single row locked while sealing, so sealers chain one batch after the other. `last_seq` is the
    `chain_no` of the last sealed event (the number of sealed events), `last_hash` its hash."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)


class Checkpoint(models.Model):
    """"Verified from the first event to chain position `chain_no`, whose hash is `hash`", signed (checkpoints.py)."""

    chain_no = models.BigIntegerField(unique=True)
    hash = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)
    signature = models.CharField(max_length=80)  # "<key id>:<HMAC-SM3 hex>"

    class Meta:
        ordering = ["-chain_no"]
        verbose_name = verbose_name_plural = "审计链检查点"


ExportStatus = vocabulary.choices("ExportStatus")


class AuditExport(models.Model):
    """A CSV of the (filtered) audit log, written by the task queue rather than a web worker: a million events
    take minutes, and the file is kept with its SM3 so what was handed out can be shown later."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    params = models.JSONField("筛选条件", default=dict, blank=True)
    status = models.CharField("状态", max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    rows = models.PositiveIntegerField("行数", default=0)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sm3 = models.CharField("SM3 摘要", max_length=64, blank=True)
    file = models.FileField(upload_to="audit-exports/", blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = verbose_name_plural = "审计日志导出"

    def __str__(self) -> str:
        return f"审计日志导出 {self.pk}"
