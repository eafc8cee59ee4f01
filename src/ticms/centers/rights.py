"""Who may edit a center's record, its change requests and its filings, and when (Art. 4, 7, 15)."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.accounts.scope import units_of
from ticms.workflow.rights import ALLOWED, FORBIDDEN, Right, refused

from .models import Center, CenterStatus, ChangeRequest, ChangeState, Filing, FilingState

CHANGE_EDITABLE_STATES = (ChangeState.DRAFT, ChangeState.RETURNED)


def host_unit_right(user, center: Center) -> Right:
    # The host unit only: a center's scope also lets its lead unit's members read it, not write it (Art. 7).
    if (
        user is not None
        and user.is_authenticated
        and user.has_role(Role.APPLICANT)
        and center.host_unit_id in units_of(user, Role.APPLICANT)
    ):
        return ALLOWED
    return refused(FORBIDDEN, "只有该中心依托单位的人员可以修改中心信息。", "7")


def not_revoked(center: Center) -> Right:
    if center.status == CenterStatus.REVOKED:
        return refused("center_revoked", "该中心已撤销，档案只保留历史，不能再修改。", "4")
    return ALLOWED


def may_edit(user, center: Center) -> Right:
    """The profile, sub-institutes and outputs of a center; new filings and change requests start here too."""
    right = host_unit_right(user, center)
    return not_revoked(center) if right[0] else right


def may_edit_change(user, cr: ChangeRequest) -> Right:
    """A change request and its attachments, until it is submitted (again after being returned)."""
    right = host_unit_right(user, cr.center)
    if right[0] and cr.state not in CHANGE_EDITABLE_STATES:
        return refused("not_editable", f"变更申请当前状态为“{cr.get_state_display()}”，不能再修改。", "15")
    return right


def may_edit_filing(user, filing: Filing) -> Right:
    """A filing is corrected only after the bureau or the competent unit returned it."""
    right = host_unit_right(user, filing.center)
    if right[0] and filing.state != FilingState.RETURNED:
        return refused("not_editable", "只有被退回的备案可以修改后重新报备。", "7(2)")
    return right
