"""The audit log for the audit administrator (DESIGN §7): read, filter, verify the chain, export. Nobody edits it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role
from ticms.audit import services as audit
from ticms.audit.models import AuditExport, Event, ExportStatus
from ticms.audit.signals import client_ip
from ticms.exports import Col, ExportList, wants_xlsx
from ticms.params import ascii_int
from ticms.web import audit_exports as audit_exports_service
from ticms.web.audit_filter import estimated_total, filtered_events
from ticms.web.audit_labels import event_action, event_details, event_object
from ticms.web.lists import PAGE_SIZES

from .routes import page

PAGE_SIZE = 50

AUDIT_EXPORT = ExportList(
    name="audit_log",
    title="审计日志",
    columns=(
        Col("seq", "序号", 10),
        Col("at", "时间", 20),
        Col("actor_name", "操作人", 16),
        Col("role", "角色", 14),
        Col("action", "操作", 28),
        Col("object_type", "对象类型", 28),
        Col("object_id", "对象编号", 10),
        Col("ip", "IP地址", 16),
        Col("data", "数据", 60),
    ),
    filter_labels=(
        ("action", "操作"),
        ("actor", "操作人"),
        ("object", "对象"),
        ("date_from", "起始日期"),
        ("date_to", "截止日期"),
    ),
)


def _require_audit_admin(request) -> None:
    if not request.user.has_role(Role.AUDIT_ADMIN):
        raise PermissionDenied("只有审计管理员可以查看审计日志。")


def _filtered(request):
    return filtered_events(request.GET or None)


def _seq_param(value: str | None) -> int | None:
    """A sequence number from the query string: ASCII digits only (anything else shows the newest page)."""
    if value and len(value) <= 18 and value.isascii() and value.isdigit():
        return int(value)
    return None


def _page_size(request) -> int:
    per = ascii_int(request.GET.get("per"), 0)
    return per if per in PAGE_SIZES else PAGE_SIZE


def _keyset_page(request, qs, size: int = PAGE_SIZE) -> tuple[list[Event], bool, bool]:
    """One page by sequence number, newest first: (events, newer ones exist, older ones exist).

    `?before=N` pages towards older events, `?after=N` towards newer ones; each page is an index range scan on
    the primary key, so reading page 20,000 of a million events costs what reading the first does."""
    before, after = _seq_param(request.GET.get("before")), _seq_param(request.GET.get("after"))
    if after is not None:
        rows = list(qs.filter(seq__gt=after).order_by("seq")[:size + 1])
        newer = len(rows) > size
        rows = rows[:size][::-1]
        older = bool(rows) and qs.filter(seq__lt=rows[-1].seq).exists()
        return rows, newer, older
    page = qs.filter(seq__lt=before) if before is not None else qs
    rows = list(page.order_by("-seq")[:size + 1])
    older = len(rows) > size
    newer = before is not None and qs.filter(seq__gte=before).exists()
    return rows[:size], newer, older


@page("audit/")
@login_required
def audit_log(request):
    _require_audit_admin(request)
    form, qs = _filtered(request)
    if wants_xlsx(request):
        return AUDIT_EXPORT.response(request, qs)
    size = _page_size(request)
    events, newer, older = _keyset_page(request, qs, size)
    for event in events:
        event.action_text = event_action(event.action)
        event.object_text = event_object(event.object_type, event.object_id)
        event.details = event_details(event.data, event.object_type)
    filtered = form.is_bound and any(v for k, v in request.GET.items() if k not in ("before", "after", "per"))
    return render(request, "web/audit_log.html", {
        "form": form, "events": events, "has_newer": newer, "has_older": older,
        "newer_than": events[0].seq if events else None, "older_than": events[-1].seq if events else None,
        "estimated_total": estimated_total(qs, filtered), "filtered": filtered,
        "per": size, "page_sizes": PAGE_SIZES, "export_filter_keys": audit_exports_service.FILTER_KEYS,
        "keep": [(k, v) for k, values in request.GET.lists() if k not in ("per", "before", "after", "format")
                 for v in values],
    })


@page("audit/verify/")
@login_required
@require_POST
def audit_verify(request):
    _require_audit_admin(request)
    # From the newest signed checkpoint (written by `ticms audit verify`): a web worker does not re-hash a million
    # events; the full re-verification is the command's `--full`.
    result = audit.verify(from_checkpoint=True)
    audit.record(
        "audit.verify",
        actor=request.user,
        role=Role.AUDIT_ADMIN,
        data={"ok": result.ok, "count": result.count, "broken_seq": result.broken_seq},
        ip=client_ip(request),
    )
    if result.ok:
        since = f"（其中前 {result.checkpoint} 条由已签名的校验检查点担保）" if result.checkpoint else ""
        messages.success(request, f"审计链完整：已校验 {result.count} 条事件。{since}")
    else:
        messages.error(
            request,
            f"审计链在第 {result.broken_seq} 号事件处断裂：{result.problem}",
        )
    return redirect("audit_log")


@page("audit/export.csv")
@login_required
def audit_export(request):
    """The old address of the CSV: the export is now a background job (a million rows hold no web worker)."""
    _require_audit_admin(request)
    return redirect("audit_exports")


@page("audit/exports/")
@login_required
def audit_exports(request):
    """导出记录: ask for a CSV of the filtered log (POST, queued for the worker) and download finished ones."""
    _require_audit_admin(request)
    if request.method == "POST":
        export = audit_exports_service.request_export(actor=request.user, params=request.POST, ip=client_ip(request))
        messages.success(request, f"已提交导出（第 {export.pk} 号）。文件由后台任务生成，完成后可在此下载。")
        return redirect("audit_exports")
    exports = list(AuditExport.objects.filter(requested_by=request.user)[:50])
    for export in exports:
        export.filter_text = audit_exports_service.describe(export.params)
    return render(request, "web/audit_exports.html", {"exports": exports})


@page("audit/exports/<int:pk>/download/")
@login_required
def audit_export_download(request, pk: int):
    _require_audit_admin(request)
    export = get_object_or_404(AuditExport, pk=pk, requested_by=request.user, status=ExportStatus.DONE)
    audit.record("audit.export_download", actor=request.user, role=Role.AUDIT_ADMIN, ip=client_ip(request),
                 data={"export": export.pk, "sm3": export.sm3, "rows": export.rows})
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1],
                        content_type="text/csv; charset=utf-8")
