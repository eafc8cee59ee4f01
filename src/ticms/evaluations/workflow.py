"""Transition tables of the evaluation (DESIGN §4.4): rounds, evaluations, rectifications."""

from __future__ import annotations

from datetime import date, timedelta

from ticms.accounts.roles import Role
from ticms.centers.models import CenterStatus
from ticms.reviews.selectors import latest_panel_for
from ticms.workflow.core import Context, Reason, Step, Workflow

from .effects import end_rectification, order_rectification, record_provincial_recommendation, revoke_center
from .metrics import DATA_FIELDS
from .models import EvaluationState, RectificationState
from .scoring import score_sheet

GRADE_CHOICES = ("excellent", "good", "pass")


# --- guards -------------------------------------------------------------------------------------------
def materials_complete(evaluation, ctx: Context):
    reasons = []
    if not (evaluation.self_assessment or "").strip():
        reasons.append(Reason("self_assessment_missing", "请填写自评报告。", "16"))
    missing = [
        f"{year}年{f.label}"
        for year in evaluation.data_years
        for f in DATA_FIELDS
        if (evaluation.indicator_data or {}).get(str(year), {}).get(f.code) in (None, "")
    ]
    if missing:
        shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
        reasons.append(Reason("indicator_data_missing", f"指标数据未填完：{shown}（共 {len(missing)} 项）。", "16"))
    return reasons


def panel_formed(evaluation, ctx: Context):
    if latest_panel_for(evaluation) is None:
        return Reason("no_panel", "请先为本评估组建专家组（与认定相同的随机抽取和回避规则）。", "16")
    return None


def panel_complete(evaluation, ctx: Context):
    sheet = score_sheet(evaluation)
    if sheet.experts_expected == 0:
        return Reason("no_panel", "本评估还没有专家组。", "16")
    if sheet.missing:
        return Reason("opinions_missing", f"尚有专家未提交评分：{'、'.join(sheet.missing)}。", "16")
    return None


def grade_explained(evaluation, ctx: Context):
    """Retain with the grade the cut-offs give; any other grade only with a reason (the comment)."""

    grade = ctx.data.get("grade")
    if grade is not None and grade not in GRADE_CHOICES:
        return Reason("bad_grade", "保留时的等级只能是优秀、良好或合格。", "16")
    sheet = score_sheet(evaluation)
    if sheet.total is None:
        return None  # panel_complete explains
    suggested = sheet.suggested_grade
    if grade is None and suggested == "fail":
        return Reason("below_pass", f"总分 {sheet.total} 低于合格线；如仍保留，须选定等级并说明理由。", "16")
    if grade is not None and grade != suggested and not ctx.comment:
        return Reason("deviation_unexplained", "评定等级与按分数线得出的等级不同，须说明理由。", "16")
    return None


def rectification_deadline(evaluation, ctx: Context):
    raw = ctx.data.get("deadline")
    if raw in (None, ""):
        return None
    try:
        deadline = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    except ValueError:
        return Reason("bad_deadline", "整改期限须为日期（YYYY-MM-DD）。", "16")
    today = (ctx.now.date() if ctx.now else date.today())
    if deadline <= today:
        return Reason("deadline_past", "整改期限须晚于今天。", "16")
    if deadline > today + timedelta(days=3 * 366):
        return Reason("deadline_far", "整改期限不能超过三年。", "16")
    return None


def center_can_rectify(evaluation, ctx: Context):
    if evaluation.center.status not in (CenterStatus.ACTIVE, CenterStatus.PREPARATORY):
        status = evaluation.center.get_status_display()
        return Reason("center_not_active", f"中心当前状态为“{status}”，不能再责令整改。", "16")
    return None


def center_not_revoked(evaluation, ctx: Context):
    if evaluation.center.status == CenterStatus.REVOKED:
        return Reason("center_revoked", "该中心已被撤销。", "5(4)")
    return None


def report_written(rectification, ctx: Context):
    if not (rectification.report or "").strip():
        return Reason("report_missing", "请先填写整改报告。", "16")
    return None


def deadline_passed_if_no_report(rectification, ctx: Context):
    today = ctx.now.date() if ctx.now else date.today()
    if rectification.state == RectificationState.PENDING_REPORT and rectification.deadline >= today:
        return Reason("deadline_not_passed", f"整改期限（{rectification.deadline}）未到，且尚未提交整改报告。", "16")
    return None


def all_concluded(round_, ctx: Context):
    open_count = round_.evaluations.exclude(state=EvaluationState.CONCLUDED).count()
    if open_count:
        return Reason("evaluations_open", f"本批次还有 {open_count} 个中心的评估未出结论。", "16")
    return None


# --- effects ------------------------------------------------------------------------------------------
def mark_submitted(evaluation, ctx: Context) -> None:
    evaluation.submitted_at = ctx.now


def _freeze_scores(evaluation, ctx: Context) -> None:
    sheet = score_sheet(evaluation)
    evaluation.scores = sheet.as_dict()
    evaluation.total_score = sheet.total
    evaluation.suggested_grade = sheet.suggested_grade
    evaluation.conclusion = ctx.comment
    evaluation.concluded_at = ctx.now
    ctx.audit_data.update({"total": str(sheet.total), "suggested_grade": sheet.suggested_grade})


def retain(evaluation, ctx: Context) -> None:
    _freeze_scores(evaluation, ctx)
    evaluation.outcome = "retain"
    evaluation.grade = ctx.data.get("grade") or evaluation.suggested_grade
    if evaluation.grade == "excellent":
        # Art. 16, 17(2): priority support and a recommendation to apply at provincial level.
        evaluation.priority_support = True
        evaluation.provincial_recommendation = True

        record_provincial_recommendation(evaluation, ctx)
    ctx.audit_data.update({"outcome": "retain", "grade": evaluation.grade})


def rectify(evaluation, ctx: Context) -> None:
    _freeze_scores(evaluation, ctx)
    evaluation.outcome = "rectify"
    evaluation.grade = "fail" if evaluation.suggested_grade == "fail" else ""
    order_rectification(evaluation, ctx)


def revoke(evaluation, ctx: Context) -> None:
    _freeze_scores(evaluation, ctx)
    evaluation.outcome = "revoke"
    evaluation.grade = "fail" if evaluation.suggested_grade == "fail" else ""
    revoke_center(evaluation.center, ctx, article="16")
    ctx.audit_data["outcome"] = "revoke"


def report_submitted(rectification, ctx: Context) -> None:
    rectification.report_submitted_at = ctx.now


def recheck_passed(rectification, ctx: Context) -> None:
    rectification.verdict_at = ctx.now
    end_rectification(rectification, ctx)


def recheck_failed(rectification, ctx: Context) -> None:
    rectification.verdict_at = ctx.now
    revoke_center(rectification.evaluation.center, ctx, article="16")


ROUND_FLOW = Workflow(
    "evaluations.EvaluationRound",
    [Step("close", Role.BUREAU_OFFICER, "结束本批次", "16", guards=(all_concluded,), source="open", target="closed")],
)

EVALUATION_FLOW = Workflow(
    "evaluations.Evaluation",
    [
        Step("submit", Role.APPLICANT, "提交评估材料", "16", guards=(materials_complete,), effect=mark_submitted,
             source=("materials_pending", "returned"), target="submitted"),
        Step("county_return", Role.COUNTY_OFFICER, "退回修改", "6(3)", comment_required=True,
             source="submitted", target="returned"),
        Step("county_forward", Role.COUNTY_OFFICER, "审核通过，报市科技局", "6(3)",
             source="submitted", target="county_checked"),
        Step("bureau_return", Role.BUREAU_OFFICER, "退回修改", "5(4)", comment_required=True,
             source="county_checked", target="returned"),
        Step("start_scoring", Role.BUREAU_OFFICER, "开始专家评分", "16", guards=(panel_formed,),
             source="county_checked", target="expert_scoring"),
        Step("conclude_retain", Role.BUREAU_OFFICER, "结论：保留", "16",
             guards=(panel_complete, center_not_revoked, grade_explained), effect=retain,
             source="expert_scoring", target="concluded"),
        Step("conclude_rectify", Role.BUREAU_OFFICER, "结论：整改", "16", comment_required=True,
             guards=(panel_complete, center_can_rectify, rectification_deadline), effect=rectify,
             source="expert_scoring", target="concluded"),
        Step("conclude_revoke", Role.BUREAU_OFFICER, "结论：撤销", "5(4)", comment_required=True, dangerous=True,
             guards=(panel_complete, center_not_revoked), effect=revoke, source="expert_scoring", target="concluded"),
    ],
)

RECTIFICATION_FLOW = Workflow(
    "evaluations.Rectification",
    [
        Step("submit_report", Role.APPLICANT, "提交整改报告", "16", guards=(report_written,),
             effect=report_submitted, source="pending_report", target="report_submitted"),
        Step("pass_recheck", Role.BUREAU_OFFICER, "复查通过，予以保留", "16", effect=recheck_passed,
             source="report_submitted", target="passed"),
        Step("fail_recheck", Role.BUREAU_OFFICER, "复查未通过，撤销中心", "5(4)", comment_required=True,
             dangerous=True, guards=(deadline_passed_if_no_report,), effect=recheck_failed,
             source=("pending_report", "report_submitted"), target="failed"),
    ],
)

FLOWS = (ROUND_FLOW, EVALUATION_FLOW, RECTIFICATION_FLOW)
