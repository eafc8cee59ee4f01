"""The recognition workflow (DESIGN §4.1): who may move an application, when, why not, and what follows.

Steps whose guards depend on expert review and public notices import those apps' selectors lazily, inside the
guard, so this module loads before (or without) them.
"""

from __future__ import annotations

from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.centers.services import change_status, create_center, mark_converted
from ticms.notices.selectors import notice_status_for
from ticms.reviews.selectors import panel_result_for
from ticms.workflow.core import Context, Reason, Step, Workflow

from . import versions
from .eligibility import eligibility_for, not_met
from .models import REQUIRED_ATTACHMENTS, Application, AttachmentKind, Outcome, Track
from .policy_adapter import official_name
from .validation import missing_required


# --- guards -------------------------------------------------------------------------------------------
def call_open(app: Application, ctx: Context):
    if app.track != Track.NEW:
        return None
    day = timezone.localdate(ctx.now or timezone.now())
    if app.call is None or not app.call.is_open_on(day):
        closes = app.call.closes if app.call else None
        return Reason("call_closed", f"建设通知的申报时间已结束或尚未开始（截止日期：{closes}）。", "9(1)")
    return None


def sections_complete(app: Application, ctx: Context):
    return missing_required(app)  # the fields fields.py marks as required to submit


def attachments_complete(app: Application, ctx: Context):
    have = set(app.attachments.values_list("kind", flat=True))
    return [Reason(f"missing_attachment_{kind}", f"缺少附件：{AttachmentKind(kind).label}。", "9(2)")
            for kind in REQUIRED_ATTACHMENTS if kind not in have]


def integrity_signed(app: Application, ctx: Context):
    if not (app.integrity_declaration and app.integrity_signer.strip()):
        return Reason("integrity_not_signed",
                      "须由承诺人签署诚信承诺（不存在重大安全、质量、环境问题或违法失信情况）。",
                      "8(4)")
    return None


def eligible_or_preparatory(app: Application, ctx: Context):
    if app.requests_preparatory:
        return None  # Art. 11: falling short is allowed when preparatory status is asked for
    return [Reason(f"not_met_{r.code}", f"不符合基本条件：{r.title}。{r.evidence}（如申请列为筹建对象，见第十一条）",
                   r.article) for r in not_met(eligibility_for(app))]


def _panel_result(app: Application):
    if "_guard_panel_result" in app.__dict__:  # a list page loaded it for all its rows (selectors.prefetch_guard_facts)
        return app._guard_panel_result

    return panel_result_for(app)


def panel_supports(app: Application, ctx: Context):
    result = _panel_result(app)
    if result is None:
        return Reason("no_panel", "尚未组织专家论证（专家组）。", "9(3)")
    if not result.complete:
        missing = "、".join(map(str, result.missing)) or "专家"
        return Reason("opinions_missing", f"尚有专家未提交论证意见：{missing}。", "9(3)")
    if result.recommendation not in (Outcome.RECOGNIZE, Outcome.PREPARATORY):
        return Reason("panel_not_positive", "专家组多数意见不是“认定”或“列为筹建”。", "9(3)")
    return None


def panel_rejects(app: Application, ctx: Context):
    result = _panel_result(app)
    if result is None:
        return Reason("no_panel", "尚未组织专家论证（专家组）。", "9(3)")
    if not result.complete:
        return Reason("opinions_missing", "尚有专家未提交论证意见。", "9(3)")
    if result.recommendation != Outcome.REJECT:
        return Reason("panel_not_reject", "专家组多数意见不是“不予认定”。", "9(3)")
    return None


def revised_plan_attached(app: Application, ctx: Context):
    qs = app.attachments.filter(kind=AttachmentKind.REVISED_PLAN)
    if app.review_concluded_at:
        qs = qs.filter(uploaded_at__gt=app.review_concluded_at)
    if not qs.exists():
        return Reason("revised_plan_missing", "请先上传根据专家意见完善后的建设方案。", "9(3)")
    return None


def _notice_status(app: Application):
    if "_guard_notice_status" in app.__dict__:
        return app._guard_notice_status

    return notice_status_for(app)


def in_published_notice(app: Application, ctx: Context):
    status = _notice_status(app)
    if status is None or not status.published:
        return Reason("not_in_notice", "该申请不在已发布的公示中。", "9(4)")
    return None


def _notice_over_unopposed(app: Application) -> list[Reason]:
    status = _notice_status(app)
    if status is None:
        return [Reason("not_in_notice", "该申请不在已发布的公示中。", "9(4)")]
    reasons = []
    if not status.ended:
        reasons.append(Reason("notice_running", f"公示期尚未结束（{status.ends_on} 结束）。", "9(4)"))
    if status.open_objections:
        reasons.append(Reason("objections_open", f"尚有 {status.open_objections} 件异议未处理完毕。", "9(4)"))
    if status.sustained_objections:
        reasons.append(Reason("objection_sustained", "公示期内有异议成立。", "9(4)"))
    return reasons


def _notice_proposed(app: Application, outcome, reason: Reason) -> list[Reason]:
    """The notice is over without objection and proposed `outcome` (else `reason` among the reasons)."""
    reasons = _notice_over_unopposed(app)
    status = _notice_status(app)
    if status is not None and status.proposed != outcome:
        reasons.append(reason)
    return reasons


def may_recognize(app: Application, ctx: Context):
    reasons = _notice_proposed(app, Outcome.RECOGNIZE,
                               Reason("proposed_preparatory", "公示的拟定结果是“列为筹建”，不是“认定”。", "9(4)"))
    if app.track == Track.UPGRADE and (app.upgrade_of is None or app.upgrade_of.status != "preparatory"):
        reasons.append(Reason("not_preparatory_center", "转正申请须对应一个处于筹建状态的中心。", "11"))
    return reasons


def may_list_preparatory(app: Application, ctx: Context):
    reasons = _notice_proposed(app, Outcome.PREPARATORY,
                               Reason("proposed_recognize", "公示的拟定结果是“认定”，不是“列为筹建”。", "11"))
    if app.track == Track.UPGRADE:
        reasons.append(Reason("already_preparatory", "该中心已是筹建对象，转正申请只能认定或不予认定。", "11"))
    return reasons


def objection_sustained(app: Application, ctx: Context):
    status = _notice_status(app)
    if status is None or not status.sustained_objections:
        return Reason("no_sustained_objection", "公示期内没有成立的异议。", "9(4)")
    return None


# --- effects ------------------------------------------------------------------------------------------
def _point_at_version(app: Application, ctx: Context) -> None:
    version = versions.latest(app)
    if version is not None:
        ctx.audit_data["version"] = version.pk
        ctx.audit_data["version_number"] = version.number


def _freeze(reason: str):
    def effect(app: Application, ctx: Context) -> None:
        if reason == "submit":
            app.submitted_at = ctx.now
        version = versions.freeze(app, user=ctx.user, reason=reason, at=ctx.now)
        ctx.audit_data["version"] = version.pk
        ctx.audit_data["version_number"] = version.number

    return effect


def conclude(app: Application, ctx: Context) -> None:
    app.proposed_outcome = _panel_result(app).recommendation
    app.review_concluded_at = ctx.now
    ctx.audit_data["proposed_outcome"] = app.proposed_outcome
    _point_at_version(app, ctx)


def _create_center(app: Application, ctx: Context, status: str, article: str) -> None:
    recognized_on = timezone.localdate(ctx.now)
    if app.track == Track.UPGRADE:
        center = change_status(actor=ctx.user, center=app.upgrade_of, transition="activate", comment=ctx.comment,
                               article=article, ip=ctx.ip)
    else:
        # The name published in the notice (the bureau may have chosen the ×× there), else the field's.
        notice = _notice_status(app)
        name = notice.item.center_name if notice and notice.item.center_name else official_name(app.field)
        center = create_center(
            actor=ctx.user, role=ctx.role, official_name=name, category=app.category,
            field=app.field, host_unit=app.host_unit, lead_unit=app.lead_unit,
            partner_units=list(app.partner_units.all()), status=status, recognized_on=recognized_on,
            reason=ctx.comment, article=article, ip=ctx.ip,
        )
        if app.track == Track.CONVERSION and app.engineering_center_id:
            mark_converted(actor=ctx.user, engineering_center=app.engineering_center, center=center, ip=ctx.ip)
    app.center = center
    ctx.audit_data["center"] = center.pk
    ctx.audit_data["official_name"] = center.official_name
    _point_at_version(app, ctx)


def recognize_effect(app: Application, ctx: Context) -> None:
    _create_center(app, ctx, "active", "9(4)")


def preparatory_effect(app: Application, ctx: Context) -> None:
    _create_center(app, ctx, "preparatory", "11")


A, C, B = Role.APPLICANT, Role.COUNTY_OFFICER, Role.BUREAU_OFFICER
V = _point_at_version

# The guards that read an application's latest panel result or its notice status: a list loads those facts at once
# for the rows whose state has such a step (selectors.prefetch_guard_facts); a guard left out of these still
# works, reading its fact row by row.
PANEL_GUARDS = (panel_supports, panel_rejects)
NOTICE_GUARDS = (in_published_notice, may_recognize, may_list_preparatory, objection_sustained)

APPLICATION_FLOW = Workflow(
    "applications.Application",
    [
        Step("submit", A, "提交申请书", "9(2)", guards=(call_open, sections_complete, attachments_complete,
                                                      integrity_signed), effect=_freeze("submit"),
             source=("draft", "returned"), target="submitted"),
        Step("withdraw", A, "撤回申请", "9(2)", dangerous=True, effect=V,
             source=("draft", "submitted", "returned", "recommended"), target="withdrawn"),
        Step("county_recommend", C, "审核通过并推荐", "6(2)", effect=V, source="submitted", target="recommended"),
        Step("county_return", C, "退回修改", "9(2)", comment_required=True, effect=V,
             source="submitted", target="returned"),
        Step("county_reject", C, "不予推荐", "9(2)", comment_required=True, dangerous=True, effect=V,
             source="submitted", target="rejected"),
        Step("recheck_pass", B, "复核通过，进入专家论证", "9(3)", guards=(eligible_or_preparatory,), effect=V,
             source="recommended", target="expert_review"),
        Step("recheck_return", B, "复核退回修改", "9(3)", comment_required=True, effect=V,
             source="recommended", target="returned"),
        Step("recheck_reject", B, "复核不通过", "9(3)", comment_required=True, dangerous=True, effect=V,
             source="recommended", target="rejected"),
        Step("conclude_review", B, "确认专家论证结论", "9(3)", guards=(panel_supports,), effect=conclude,
             source="expert_review", target="plan_revision"),
        Step("review_reject", B, "依专家意见不予认定", "9(3)", guards=(panel_rejects,), comment_required=True,
             dangerous=True, effect=V, source="expert_review", target="rejected"),
        Step("submit_plan", A, "提交完善后的建设方案", "9(3)", guards=(revised_plan_attached,),
             effect=_freeze("submit_plan"), source="plan_revision", target="plan_submitted"),
        Step("return_plan", B, "退回建设方案", "9(3)", comment_required=True, effect=V,
             source="plan_submitted", target="plan_revision"),
        Step("publicize", B, "公示", "9(4)", guards=(in_published_notice,), effect=V,
             source="plan_submitted", target="publicized"),
        Step("recognize", B, "认定为市技术创新中心", "9(4)", guards=(may_recognize,), effect=recognize_effect,
             source="publicized", target="recognized"),
        Step("list_preparatory", B, "列为筹建对象", "11", guards=(may_list_preparatory,), effect=preparatory_effect,
             source="publicized", target="preparatory"),
        Step("notice_reject", B, "因异议成立不予认定", "9(4)", guards=(objection_sustained,), comment_required=True,
             dangerous=True, effect=V, source="publicized", target="rejected"),
    ],
)
