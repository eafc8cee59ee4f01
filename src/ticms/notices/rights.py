"""Who may edit a public notice, and until when (Art. 5, 9(4))."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.workflow.rights import ALLOWED, FORBIDDEN, Right, refused

from .models import NoticeState, PublicNotice


def may_edit(user, notice: PublicNotice) -> Right:
    """Its items' proposed conclusions: the bureau, while the notice is a draft (the published text is fixed)."""
    if not (user is not None and user.is_authenticated and user.has_role(Role.BUREAU_OFFICER)):
        return refused(FORBIDDEN, "只有市科技局工作人员可以修改公示草稿。", "5")
    if notice.state != NoticeState.DRAFT:
        return refused("notice_published", "公示已发布，不能再修改。", "9(4)")
    return ALLOWED
