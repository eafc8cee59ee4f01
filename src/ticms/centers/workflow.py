"""Center status transitions (DESIGN §4.4). Evaluation outcomes and recognition call these through services."""

from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.audit import services as audit
from ticms.workflow.core import Context, Reason, Step, Workflow

from .changes import apply_change, problems
from .filings import apply_appointment as apply
from .filings import check_title
from .models import CenterStatusChange


def record_status_change(center, ctx: Context) -> None:
    CenterStatusChange.objects.create(
        center=center,
        from_status=ctx.from_state,
        to_status=center.status,
        at=ctx.now,
        by=ctx.user if getattr(ctx.user, "pk", None) else None,
        reason=ctx.comment,
        article=ctx.data.get("article", ""),
    )


CENTER_FLOW = Workflow(
    "centers.Center",
    [
        # Activation follows an upgrade application (Art. 11), rectification an evaluation's conclusion
        # (Art. 16): those flows fire these steps; nobody fires them on their own.
        Step("activate", Role.BUREAU_OFFICER, "筹建转为正式运行", "11",
             effect=record_status_change, internal="筹建转正申请的认定", source="preparatory", target="active"),
        Step("start_rectification", Role.BUREAU_OFFICER, "责令整改", "16", comment_required=True,
             effect=record_status_change, internal="绩效评估结论", source="active", target="rectifying"),
        Step("end_rectification", Role.BUREAU_OFFICER, "整改后予以保留", "16",
             effect=record_status_change, internal="整改复核", source="rectifying", target="active"),
        Step("revoke", Role.BUREAU_OFFICER, "撤销中心", "5(4)", comment_required=True, dangerous=True,
             effect=record_status_change, source=("preparatory", "active", "rectifying"), target="revoked"),
    ],
    field_name="status",
)


# --- filings (Art. 7(2)) and change requests (Art. 7(4), 15), DESIGN §4.3 ---------------------------------
def host_unit_member(record, ctx: Context):
    """Only the host unit acts for the center (Art. 7); lead- and partner-unit members may only look."""
    if record.center.host_unit_id not in ctx.user.organisation_ids():
        return Reason("not_host_unit", "只有该中心依托单位的人员可以办理此事项。", "7")
    return None


def center_not_revoked(record, ctx: Context):
    if record.center.status == "revoked":
        return Reason("center_revoked", "该中心已撤销，不能再办理此事项。", "4")
    return None


def change_applicable(record, ctx: Context):
    return problems(record)


def mark_submitted(record, ctx: Context) -> None:
    record.submitted_at = ctx.now


def mark_decided(record, ctx: Context) -> None:
    record.decided_at = ctx.now


def apply_approved_change(record, ctx: Context) -> None:
    record.decided_at = ctx.now
    change = apply_change(record, user=ctx.user, on=timezone.localdate(ctx.now))
    ctx.audit_data.update({"center": record.center_id, "change": change.kind, "before": change.old_value,
                           "after": change.new_value})
    audit.record("center.change_applied", actor=ctx.user, role=ctx.role, obj=record.center,
                 data={"change_request": record.pk, "kind": change.kind, "before": change.old_value,
                       "after": change.new_value, "article": "15"}, ip=ctx.ip)


def recheck_title(record, ctx: Context) -> None:
    check_title(record)
    record.submitted_at = ctx.now
    ctx.audit_data["title_check"] = record.title_check


def apply_appointment(record, ctx: Context) -> None:
    before, after = apply(record)
    ctx.audit_data.update({"center": record.center_id, "before": before, "after": after})
    audit.record("center.appointment_filed", actor=ctx.user, role=ctx.role, obj=record.center,
                 data={"filing": record.pk, "changes": {k: {"before": before[k], "after": after[k]} for k in after},
                       "article": "7(2)"}, ip=ctx.ip)


A, C, B = Role.APPLICANT, Role.COUNTY_OFFICER, Role.BUREAU_OFFICER

FILING_FLOW = Workflow(
    "centers.Filing",
    [
        Step("acknowledge", B, "确认备案", "7(2)", guards=(center_not_revoked,), effect=apply_appointment,
             source="submitted", target="acknowledged"),
        Step("return_filing", B, "退回备案", "7(2)", comment_required=True, source="submitted", target="returned"),
        Step("resubmit", A, "重新报备", "7(2)", guards=(host_unit_member, center_not_revoked), effect=recheck_title,
             source="returned", target="submitted"),
    ],
)

CHANGE_FLOW = Workflow(
    "centers.ChangeRequest",
    [
        Step("submit", A, "提交变更申请", "15", guards=(host_unit_member, change_applicable), effect=mark_submitted,
             source=("draft", "returned"), target="submitted"),
        Step("county_agree", C, "审核同意，报市科技局", "7(4)", guards=(center_not_revoked,),
             source="submitted", target="county_agreed"),
        Step("county_return", C, "退回修改", "15", comment_required=True, source="submitted", target="returned"),
        Step("county_reject", C, "不同意变更", "15", comment_required=True, dangerous=True, effect=mark_decided,
             source="submitted", target="rejected"),
        Step("approve", B, "批准变更", "15", guards=(change_applicable,), effect=apply_approved_change,
             source="county_agreed", target="approved"),
        Step("reject", B, "不予批准", "15", comment_required=True, dangerous=True, effect=mark_decided,
             source="county_agreed", target="rejected"),
    ],
)
