"""The expert's conflict-of-interest declaration on an assignment (Art. 9(3); 回避)."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.workflow.core import Reason, Step, Workflow


def own_assignment(assignment, ctx):
    expert = assignment.expert
    if expert.user_id != getattr(ctx.user, "pk", None):
        return Reason("not_your_assignment", "只有被抽中的专家本人可以声明。", "9(3)")
    if not assignment.active:
        return Reason("inactive", "该任务已由其他专家替补。", "9(3)")
    return None


def _declared(assignment, ctx):
    assignment.declared_at = ctx.now


def _recused(assignment, ctx):
    assignment.declared_at = ctx.now
    assignment.recusal_reason = ctx.comment
    ctx.audit_data["panel"] = assignment.panel_id


ASSIGNMENT_FLOW = Workflow(
    "reviews.Assignment",
    [
        Step("declare_no_conflict", Role.EXPERT, "声明无利益冲突，开始评审", "9(3)",
             guards=(own_assignment,), effect=_declared, source="pending", target="no_conflict"),
        Step("recuse", Role.EXPERT, "申请回避", "9(3)", guards=(own_assignment,), comment_required=True,
             effect=_recused, dangerous=True, source="pending", target="recused"),
    ],
    field_name="declaration",
)
