"""Who is told of what: one table from an audit action to its audiences (DESIGN §10: one pipeline).

An audience is found from the record through its `scope_paths`, so it follows the same ownership as what people
may see: `applicants` — applicant members of the record's organisations; `county` — county officers of its
competent unit; `bureau` — every bureau officer; `experts` — the experts on its active panel (or, for a panel, on
that panel). `mandatory` kinds are sent on every channel whatever the person chose: the measures set a time limit
on what they announce (a return or rejection the applicant must answer, an expert's draw, a rectification).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    label: str
    audiences: tuple[str, ...]
    mandatory: bool = False


A, C, B, E = "applicants", "county", "bureau", "experts"

RULES: dict[str, Rule] = {
    # Recognition (Art. 9)
    "application.submit": Rule("收到新的申请书，待审核推荐", (C,)),
    "application.county_return": Rule("申请书被退回修改", (A,), mandatory=True),
    "application.county_recommend": Rule("申请书已获推荐，报市科技局复核", (A, B)),
    "application.county_reject": Rule("申请书未获推荐", (A,), mandatory=True),
    "application.recheck_return": Rule("申请书复核退回修改", (A, C), mandatory=True),
    "application.recheck_pass": Rule("申请书复核通过，进入专家论证", (A, C)),
    "application.recheck_reject": Rule("申请书复核不通过", (A, C), mandatory=True),
    "application.conclude_review": Rule("专家论证结束，请完善建设方案", (A,), mandatory=True),
    "application.review_reject": Rule("依专家意见不予认定", (A, C), mandatory=True),
    "application.submit_plan": Rule("申请单位已提交完善后的建设方案", (B,)),
    "application.return_plan": Rule("建设方案被退回", (A,), mandatory=True),
    "application.publicize": Rule("申请已列入公示", (A, C)),
    "application.recognize": Rule("已认定为市技术创新中心", (A, C)),
    "application.list_preparatory": Rule("已列为筹建对象", (A, C)),
    "application.notice_reject": Rule("因异议成立不予认定", (A, C), mandatory=True),
    # Expert review (Art. 9(3), 16)
    "panel.form": Rule("您已被抽取为评审专家", (E,), mandatory=True),
    # Public notice (Art. 9(4))
    "objection.raise": Rule("公示期间收到异议", (B,)),
    # Changes (Art. 15)
    "changerequest.submit": Rule("收到变更申请，待审核", (C,)),
    "changerequest.county_agree": Rule("变更申请待市科技局批准", (A, B)),
    "changerequest.county_return": Rule("变更申请被退回修改", (A,), mandatory=True),
    "changerequest.county_reject": Rule("变更申请未获同意", (A,), mandatory=True),
    "changerequest.approve": Rule("变更申请已批准", (A, C)),
    "changerequest.reject": Rule("变更申请未获批准", (A, C), mandatory=True),
    # Evaluation (Art. 16)
    "evaluation.submit": Rule("收到评估材料，待审核", (C,)),
    "evaluation.county_forward": Rule("评估材料已报市科技局", (A, B)),
    "evaluation.county_return": Rule("评估材料被退回修改", (A,), mandatory=True),
    "evaluation.bureau_return": Rule("评估材料被市科技局退回", (A, C), mandatory=True),
    "evaluation.conclude_retain": Rule("评估结论：保留", (A, C)),
    "evaluation.conclude_rectify": Rule("评估结论：整改", (A, C), mandatory=True),
    "evaluation.conclude_revoke": Rule("评估结论：撤销", (A, C), mandatory=True),
}

# Reminders (ticms.notifications.reminders) are kinds too, so people choose their channels the same way.
REMINDER_LABELS: dict[str, str] = {
    "call_closing": "建设通知即将截止申报",
    "materials_due": "评估材料即将到期",
    "opinion_due": "专家意见即将到期",
    "notice_ending": "公示即将结束",
    "rectification_due": "整改期限即将届满",
    "evaluation_due": "中心绩效评估即将到期",
    "policy_expiry": "管理办法即将到期",
    "holiday_calendar": "下一年度节假日安排尚未录入",
}
MANDATORY_REMINDERS = {"opinion_due", "rectification_due"}


def kind_label(kind: str) -> str:
    if kind in RULES:
        return RULES[kind].label
    return REMINDER_LABELS.get(kind.removeprefix("reminder."), kind)


def is_mandatory(kind: str) -> bool:
    if kind in RULES:
        return RULES[kind].mandatory
    return kind.removeprefix("reminder.") in MANDATORY_REMINDERS


def all_kinds() -> list[tuple[str, str, bool]]:
    """(kind, label, mandatory) for the preferences page, events first, then reminders."""
    kinds = [(k, r.label, r.mandatory) for k, r in RULES.items()]
    kinds += [(f"reminder.{k}", label, k in MANDATORY_REMINDERS) for k, label in REMINDER_LABELS.items()]
    return kinds
