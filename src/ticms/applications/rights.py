"""Who may edit an application and its attachments, and in which states (Art. 9(2), 9(3))."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.accounts.scope import acts_for
from ticms.workflow.rights import ALLOWED, FORBIDDEN, Right, refused

from .models import EDITABLE_STATES, Application, State


def _owner(user, app: Application) -> Right:
    # The applicants of its lead or host unit (its scope paths); a partner unit or a county officer only reads.
    if acts_for(user, app, Role.APPLICANT):
        return ALLOWED
    return refused(FORBIDDEN, "只有牵头单位或依托单位的申报用户可以修改此申请书。", "9(2)")


def may_edit(user, app: Application) -> Right:
    """The whole 申请书: its units' applicants, while it is a draft or returned for correction."""
    right = _owner(user, app)
    if right[0] and app.state not in EDITABLE_STATES:
        return refused("not_editable", f"申请书当前状态为“{app.get_state_display()}”，不能修改。", "9(2)")
    return right


def may_revise_plan(user, app: Application) -> Right:
    """After the expert review only the construction plan is revised, by the same applicants (Art. 9(3))."""
    right = _owner(user, app)
    if right[0] and app.state != State.PLAN_REVISION:
        return refused("not_editable", f"申请书当前状态为“{app.get_state_display()}”，不能修改建设方案。", "9(3)")
    return right


def may_attach(user, app: Application) -> Right:
    """Files go with an editable 申请书, or with the revised plan during its revision."""
    right = may_edit(user, app)
    if not right[0] and app.state == State.PLAN_REVISION:
        return may_revise_plan(user, app)
    return right
