"""The system administrator's to-dos: the policy's expiry (Art. 18) and next year's holiday schedule.

Notices are counted in working days (Art. 9(4)); a date in a year with no schedule is refused. The State
Council publishes next year's schedule in the late autumn, so from November on the admin is reminded to enter
it before notices published in late December run into the new year.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.web import workbench

from . import calendar, current_policy

REMIND_FROM_MONTH = 11
EXPIRY_WARNING_DAYS = 180


def calendar_todos(user) -> list[workbench.TodoSection]:
    if not user.has_role(Role.SYSTEM_ADMIN):
        return []

    today = timezone.localdate()
    items = []
    missing = calendar.first_unknown_year(after=today.year)
    if missing == today.year or (missing == today.year + 1 and today.month >= REMIND_FROM_MONTH):
        items.append(
            workbench.TodoItem(
                label=f"录入{missing}年法定节假日和调休安排",
                url=reverse("calendar_admin"),
                note="公示期按工作日计算（第九条第（四）项）；未录入的年份无法计算公示截止日期。",
            )
        )
    policy = current_policy()
    days = policy.days_to_expiry(today)
    if days <= EXPIRY_WARNING_DAYS:
        items.append(
            workbench.TodoItem(
                label=f"《{policy.title}》将于{policy.expires_on:%Y年%-m月%-d日}到期（还有{days}天）",
                url=reverse("policy"),
                note="有效期五年（第十八条）；请提醒市科技局修订并更新政策文件。",
            )
        )
    return [workbench.TodoSection(title="系统维护", items=items, role=Role.SYSTEM_ADMIN,
                                  empty_text="工作日历和政策文件均无需处理。")]
