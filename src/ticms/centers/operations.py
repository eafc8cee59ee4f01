"""Filings (Art. 7(2)) and change requests (Art. 7(4), 15): creating, editing and moving them.

Transitions go through FILING_FLOW / CHANGE_FLOW (role, guards with articles, row lock, audit event);
the functions here add what happens before a record enters its flow.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ticms.accounts.models import Organisation
from ticms.accounts.roles import Role
from ticms.audit.services import record
from ticms.documents.uploads import stores_files
from ticms.storedfiles import store_upload
from ticms.workflow.rights import enforce

from . import validation as v
from .changes import describe
from .filings import check_title
from .models import Category, Center, ChangeAttachment, ChangeRequest, Filing, LegalForm
from .rights import may_edit_change, may_edit_filing
from .services import require_host_unit, require_not_revoked
from .workflow import CHANGE_FLOW, FILING_FLOW

# --- filings ----------------------------------------------------------------------------------------------
FILING_FIELDS = ("person_name", "person_title", "members", "appointed_on", "note")


def _clean_filing(kind: str, data: dict) -> dict:
    p = v.Problems()
    out = {
        "person_name": v.text(data.get("person_name"), "person_name", "姓名", p, max_length=100, required=True),
        "person_title": v.text(data.get("person_title"), "person_title", "职称", p, max_length=50),
        "members": v.text(data.get("members"), "members", "委员名单", p, max_length=5000),
        "appointed_on": v.date(data.get("appointed_on"), "appointed_on", "任命 / 聘任日期", p),
        "note": v.text(data.get("note"), "note", "说明", p, max_length=2000),
    }
    if kind == Filing.Kind.COMMITTEE and not out["members"]:
        p.add("members", "请列出专家委员会委员（每行一人）。")
    if out["appointed_on"] and out["appointed_on"] > timezone.localdate():
        p.add("appointed_on", "任命日期不能晚于今天。")
    p.raise_if_any()
    return out


def _host_writes(actor, center: Center, kind: str, label: str, kinds) -> str:
    """Only the host unit of a center not revoked files or asks, and only for a known `kind` (checked)."""
    require_host_unit(actor, center)
    require_not_revoked(center)
    p = v.Problems()
    kind = v.choice(kind, "kind", label, kinds, p)
    p.raise_if_any()
    return kind


@transaction.atomic
def submit_filing(*, actor, center: Center, kind: str, ip: str | None = None, **data) -> Filing:
    """The host unit files the appointment of the director or of the expert committee (Art. 7(2))."""
    kind = _host_writes(actor, center, kind, "备案事项", Filing.Kind)
    filing = Filing(center=center, kind=kind, submitted_by=actor, submitted_at=timezone.now(),
                    **_clean_filing(kind, data))
    check_title(filing)
    filing.save()
    record("filing.submit", actor=actor, role=Role.APPLICANT, obj=filing,
           data={"center": center.pk, "kind": kind, "person_name": filing.person_name,
                 "person_title": filing.person_title, "title_check": filing.title_check, "to": filing.state,
                 "article": "7(2)"}, ip=ip)
    return filing


@transaction.atomic
def resubmit_filing(*, actor, filing: Filing, ip: str | None = None, **data) -> Filing:
    """A returned filing, corrected, goes back to the bureau; the senior-title check runs again."""
    filing = Filing.objects.select_for_update().select_related("center").get(pk=filing.pk)
    enforce(may_edit_filing(actor, filing))
    clean = _clean_filing(filing.kind, {**{k: getattr(filing, k) for k in FILING_FIELDS}, **data})
    changed = {k: {"before": str(getattr(filing, k)), "after": str(val)} for k, val in clean.items()
               if getattr(filing, k) != val}
    Filing.objects.filter(pk=filing.pk).update(**clean)
    filing.refresh_from_db()
    if changed:
        record("filing.update", actor=actor, role=Role.APPLICANT, obj=filing, data={"changes": changed}, ip=ip)
    return FILING_FLOW.apply(actor, filing, "resubmit", ip=ip)


def transition_filing(*, actor, filing: Filing, name: str, comment: str = "", ip: str | None = None,
                      expected_state: str | None = None) -> Filing:
    if name == "resubmit":
        return resubmit_filing(actor=actor, filing=filing, ip=ip)
    return FILING_FLOW.apply(actor, filing, name, comment=comment, ip=ip, expected_state=expected_state)


# --- change requests --------------------------------------------------------------------------------------
CHANGE_FIELDS = ("matter", "new_name", "new_unit", "new_value", "new_target_date", "reasons")


def _clean_change(kind: str, data: dict) -> dict:
    """Shape checks (types, lengths, what each kind needs); whether it may be applied is CHANGE_FLOW's guard."""
    p = v.Problems()
    out = {"matter": "", "new_name": "", "new_unit": None, "new_value": "", "new_target_date": None}
    out["reasons"] = v.text(data.get("reasons"), "reasons", "变更理由", p, max_length=10_000)
    if kind == ChangeRequest.Kind.RENAME:
        out["new_name"] = v.text(data.get("new_name"), "new_name", "新名称", p, max_length=200, required=True)
    elif kind == ChangeRequest.Kind.HOST_UNIT:
        out["new_unit"] = _organisation(data.get("new_unit"), "新依托单位", p)
    else:
        matter = v.choice(data.get("matter"), "matter", "变更事项", ChangeRequest.Matter, p)
        out["matter"] = matter
        if matter == ChangeRequest.Matter.LEAD_UNIT:
            out["new_unit"] = _organisation(data.get("new_unit"), "新牵头单位", p)
        elif matter == ChangeRequest.Matter.CATEGORY:
            out["new_value"] = v.choice(data.get("new_value"), "new_value", "新类别", Category, p)
        elif matter == ChangeRequest.Matter.LEGAL_FORM:
            out["new_value"] = v.choice(data.get("new_value"), "new_value", "新法人形态", LegalForm, p)
            out["new_target_date"] = v.date(data.get("new_target_date"), "new_target_date", "计划成为独立法人日期",
                                            p, required=out["new_value"] == LegalForm.INTERNAL_UNIT)
        elif matter == ChangeRequest.Matter.FIELD:
            out["new_value"] = v.text(data.get("new_value"), "new_value", "新领域", p, max_length=60, required=True)
    p.raise_if_any()
    return out


def _organisation(value, label: str, p: v.Problems):
    if value in (None, ""):
        p.add("new_unit", f"请选择{label}。")
        return None
    if isinstance(value, Organisation):
        return value
    try:
        return Organisation.objects.get(pk=int(value))
    except (TypeError, ValueError, Organisation.DoesNotExist):
        p.add("new_unit", f"找不到{label}（编号“{value}”）。")
        return None


@transaction.atomic
def create_change_request(*, actor, center: Center, kind: str, ip: str | None = None, **data) -> ChangeRequest:
    """A draft written request by the host unit; `submit` sends it to the competent unit."""
    kind = _host_writes(actor, center, kind, "变更类型", ChangeRequest.Kind)
    cr = ChangeRequest.objects.create(center=center, kind=kind, created_by=actor, **_clean_change(kind, data))
    record("changerequest.create", actor=actor, role=Role.APPLICANT, obj=cr,
           data={"center": center.pk, "kind": kind, "summary": describe(cr), "to": cr.state, "article": "15"}, ip=ip)
    return cr


@transaction.atomic
def update_change_request(*, actor, change_request: ChangeRequest, ip: str | None = None, **data) -> ChangeRequest:
    cr = ChangeRequest.objects.select_for_update().select_related("center").get(pk=change_request.pk)
    enforce(may_edit_change(actor, cr))
    merged = {k: getattr(cr, k) for k in CHANGE_FIELDS}
    merged.update({k: val for k, val in data.items() if k in CHANGE_FIELDS})
    clean = _clean_change(cr.kind, merged)
    changed = {k: {"before": str(getattr(cr, k) or ""), "after": str(val or "")} for k, val in clean.items()
               if getattr(cr, k) != val}
    if changed:
        ChangeRequest.objects.filter(pk=cr.pk).update(**clean)
        cr.refresh_from_db()
        record("changerequest.update", actor=actor, role=Role.APPLICANT, obj=cr, data={"changes": changed}, ip=ip)
    return cr


@stores_files
def add_change_attachment(*, actor, change_request: ChangeRequest, upload, ip: str | None = None
                          ) -> ChangeAttachment:
    change_request = ChangeRequest.objects.select_for_update().select_related("center").get(pk=change_request.pk)
    enforce(may_edit_change(actor, change_request))
    att = store_upload(ChangeAttachment(change_request=change_request), upload, uploaded_by=actor)
    record("changerequest.attach", actor=actor, role=Role.APPLICANT, obj=change_request,
           data={"attachment": att.pk, "name": att.original_name, "size": att.size, "sha256": att.sha256,
                 "sm3": att.sm3}, ip=ip)
    return att


def transition_change(*, actor, change_request: ChangeRequest, name: str, comment: str = "",
                      ip: str | None = None, expected_state: str | None = None) -> ChangeRequest:
    return CHANGE_FLOW.apply(actor, change_request, name, comment=comment, ip=ip, expected_state=expected_state)
