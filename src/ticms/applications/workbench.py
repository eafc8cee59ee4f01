"""我的待办 for the recognition workflow: what waits for each role."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.notices.models import NoticeItem
from ticms.web.workbench import TodoItem, TodoSection, first

from .models import State
from .selectors import applications_visible_to, todo_rows


def _section(user, role: str, states, title: str, empty: str, note=None) -> TodoSection:
    qs = todo_rows(applications_visible_to(user, role).filter(state__in=states).order_by("updated_at", "pk"))
    rows, count = first(qs)
    items = [TodoItem(label=a.title, url=a.get_absolute_url(), state_label=a.get_state_display(),
                      note=note(a) if note else "") for a in rows]
    return TodoSection(title=title, items=items, count=count, role=role, empty_text=empty)


def application_todos(user) -> list[TodoSection]:
    out = []
    if user.has_role(Role.APPLICANT):
        out.append(_section(user, Role.APPLICANT, (State.DRAFT, State.RETURNED, State.PLAN_REVISION),
                            "待填写或修改的申请书", "没有待填写的申请书。"))
    if user.has_role(Role.COUNTY_OFFICER):
        out.append(_section(user, Role.COUNTY_OFFICER, (State.SUBMITTED,), "待审核推荐的申请书（第九条第（二）项）",
                            "没有待审核的申请书。"))
    if user.has_role(Role.BUREAU_OFFICER):
        out.append(_section(user, Role.BUREAU_OFFICER, (State.RECOMMENDED,), "待复核的申请书（第九条第（三）项）",
                            "没有待复核的申请书。"))
        out.append(_section(user, Role.BUREAU_OFFICER, (State.PLAN_SUBMITTED,), "待确认的建设方案",
                            "没有待确认的建设方案。"))
        # Same test as notice_status_for(...).ended, done in the query so the section costs two queries.

        over = NoticeItem.objects.filter(application=OuterRef("pk"), notice__state="published",
                                         notice__ends_on__lt=timezone.localdate())
        ended = applications_visible_to(user, Role.BUREAU_OFFICER).filter(state=State.PUBLICIZED).filter(
            Exists(over)).order_by("pk")
        rows, count = first(todo_rows(ended))
        out.append(TodoSection(
            title="公示期满待认定（第九条第（四）项）", role=Role.BUREAU_OFFICER, empty_text="没有公示期满的申请。",
            items=[TodoItem(label=a.title, url=a.get_absolute_url(), state_label=a.get_state_display())
                   for a in rows], count=count))
    return out
