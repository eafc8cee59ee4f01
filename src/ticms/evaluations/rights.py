"""Who may edit an evaluation's materials and a rectification report, and when (Art. 7, 16)."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.accounts.scope import acts_for
from ticms.workflow.rights import ALLOWED, FORBIDDEN, Right, refused

from .models import Evaluation, EvaluationState, Rectification, RectificationState

EDITABLE_STATES = (EvaluationState.MATERIALS_PENDING, EvaluationState.RETURNED)


def may_edit(user, evaluation: Evaluation) -> Right:
    """The self-assessment, indicator data and attachments: the center's host unit, until it submits them."""
    if not acts_for(user, evaluation, Role.APPLICANT):
        return refused(FORBIDDEN, "只有中心依托单位的用户可以填写评估材料。", "7")
    if evaluation.state not in EDITABLE_STATES:
        return refused("not_editable", f"评估当前状态为“{evaluation.get_state_display()}”，材料不能再修改。", "16")
    return ALLOWED


def may_write_report(user, rectification: Rectification) -> Right:
    """The rectification report: the host unit, until it submits the report."""
    if not acts_for(user, rectification, Role.APPLICANT):
        return refused(FORBIDDEN, "只有中心依托单位的用户可以填写整改报告。", "16")
    if rectification.state != RectificationState.PENDING_REPORT:
        return refused("not_editable", "整改报告已提交，不能再修改。", "16")
    return ALLOWED
