"""The audit log as CSV, written by the task queue (`ticms worker`), never by a web worker: the audit admin asks
for it, the page lists it with its status, and the finished file is downloaded with its SM3 shown. Asking for and
downloading an export are audited events themselves."""

from __future__ import annotations

import csv
import io
import json
import tempfile

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ticms.accounts.roles import Role
from ticms.audit import services as audit
from ticms.audit.models import AuditExport, ExportStatus
from ticms.crypto.sm3 import new as sm3_new

from .audit_filter import EventFilter, filtered_events

CSV_HEADER = ["seq", "at", "actor", "role", "action", "object_type", "object_id", "ip", "data", "prev_hash", "hash"]
FILTER_KEYS = ("action", "actor", "object", "date_from", "date_to")


def describe(params: dict) -> str:
    """The filter of an export in words, as the log page labels it."""
    labels = {name: field.label for name, field in EventFilter.base_fields.items()}
    return "；".join(f"{labels[k]}：{v}" for k, v in params.items() if k in labels) or "全部事件"


def request_export(*, actor, params, ip: str | None = None) -> AuditExport:
    """Queue an export of the events `params` select (the log page's filter); the worker writes it."""
    params = {k: str(params.get(k, "")) for k in FILTER_KEYS if params.get(k)}
    with transaction.atomic():
        export = AuditExport.objects.create(requested_by=actor, params=params)
        audit.record("audit.export", actor=actor, role=Role.AUDIT_ADMIN, ip=ip,
                     data={"filter": params, "export": export.pk})
        transaction.on_commit(lambda: export_task.enqueue(export.pk))
    return export


def csv_row(e) -> list:
    return [e.seq, timezone.localtime(e.at).isoformat(), e.actor_name or (e.actor.username if e.actor else ""),
            e.role, e.action, e.object_type, e.object_id, e.ip or "",
            json.dumps(e.data, ensure_ascii=False, sort_keys=True), e.prev_hash, e.hash]


class _Digesting(io.RawIOBase):
    """A binary file that keeps the SM3 and the size of what is written through it."""

    def __init__(self, target):
        self.target, self.sm3, self.size = target, sm3_new(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sm3.update(data)
        self.size += len(data)
        return self.target.write(data)


def write_export(export_id: int) -> AuditExport:
    """Write the CSV (UTF-8 with a BOM, for spreadsheet programs) from a streamed query; mark the export done or
    failed. Runs in the worker."""
    export = AuditExport.objects.get(pk=export_id)
    if export.status == ExportStatus.DONE:
        return export
    export.status = ExportStatus.RUNNING
    export.save(update_fields=["status"])
    _form, qs = filtered_events(export.params)
    try:
        # A temporary file, not memory: a million events make some hundreds of MB.
        with tempfile.TemporaryFile() as buffer:
            raw = _Digesting(buffer)
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=True)
            text.write("\ufeff")
            writer = csv.writer(text)
            writer.writerow(CSV_HEADER)
            rows = 0
            for event in qs.iterator(chunk_size=2000):
                writer.writerow(csv_row(event))
                rows += 1
            text.flush()
            digest, size = raw.sm3.hexdigest(), raw.size
            text.detach()
            buffer.seek(0)
            stamp = timezone.localtime(export.requested_at).strftime("%Y%m%d-%H%M%S")
            export.file.save(f"audit-{stamp}-{export.pk}.csv", File(buffer), save=False)
    except Exception as exc:  # the page says it failed and why; the worker logs the traceback
        export.status, export.error, export.finished_at = ExportStatus.FAILED, str(exc)[:2000], timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        raise
    export.rows, export.size, export.sm3 = rows, size, digest
    export.status, export.finished_at = ExportStatus.DONE, timezone.now()
    export.save(update_fields=["file", "rows", "size", "sm3", "status", "finished_at"])
    return export


@task()
def export_task(export_id: int) -> int:
    return write_export(export_id).rows
