"""The evaluation's to-dos on each role's workbench (bounded queries: a slice, and a count when it is full)."""

from __future__ import annotations

from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.web import workbench
from ticms.web.workbench import TodoItem, TodoSection

from .models import EvaluationState, RectificationState
from .schedule import with_due_dates
from .selectors import evaluations_visible_to, rectifications_visible_to
from .tick import uncovered_due_queryset


def _evaluation_items(rows) -> list[TodoItem]:
    items = []
    for ev in rows:
        note = "材料已逾期" if ev.materials_overdue_flagged_on else ""
        items.append(TodoItem(label=f"{ev.center.official_name}（{ev.round.year}年绩效评估）",
                              url=ev.get_absolute_url(), state_label=ev.get_state_display(),
                              due=ev.round.materials_deadline, note=note))
    return items


def _shown(qs):
    """Only what an evaluation to-do shows: the selector's joins and wide rows made reading them a large part of
    the bureau's workbench (issue 15)."""
    return qs.select_related(None).select_related("round", "center").only(
        "state", "materials_overdue_flagged_on", "center__official_name", "round__year", "round__materials_deadline")


def _section(title, qs, role, empty) -> TodoSection:
    rows, count = workbench.first(_shown(qs))
    return TodoSection(title=title, items=_evaluation_items(rows), count=count, role=role, empty_text=empty)


def applicant_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.APPLICANT):
        return []
    evs = evaluations_visible_to(user).filter(
        state__in=[EvaluationState.MATERIALS_PENDING, EvaluationState.RETURNED]).order_by("round__materials_deadline")
    rects, rect_count = workbench.first(
        rectifications_visible_to(user).filter(state=RectificationState.PENDING_REPORT).order_by("deadline"))
    rect_items = [
        TodoItem(label=f"{r.evaluation.center.official_name} 整改报告", url=r.get_absolute_url(),
                 state_label=r.get_state_display(), due=r.deadline, note="整改期限已过" if r.overdue_flagged_on else "")
        for r in rects
    ]
    return [
        _section("绩效评估材料待填报", evs, Role.APPLICANT, "没有待填报的评估材料。"),
        TodoSection(title="整改报告待提交", items=rect_items, count=rect_count, role=Role.APPLICANT,
                    empty_text="没有待提交的整改报告。"),
    ]


def county_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.COUNTY_OFFICER):
        return []
    evs = evaluations_visible_to(user).filter(state=EvaluationState.SUBMITTED).order_by("submitted_at")
    return [_section("绩效评估材料待审核", evs, Role.COUNTY_OFFICER, "没有待审核的评估材料。")]


def bureau_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.BUREAU_OFFICER):
        return []

    checked = evaluations_visible_to(user).filter(state=EvaluationState.COUNTY_CHECKED).order_by("due_on")
    scoring = evaluations_visible_to(user).filter(state=EvaluationState.EXPERT_SCORING).order_by("due_on")
    overdue = evaluations_visible_to(user).filter(
        state__in=[EvaluationState.MATERIALS_PENDING, EvaluationState.RETURNED],
        materials_overdue_flagged_on__isnull=False).order_by("round__materials_deadline")
    rects = rectifications_visible_to(user).filter(
        state=RectificationState.REPORT_SUBMITTED).order_by("deadline") | rectifications_visible_to(user).filter(
        state=RectificationState.PENDING_REPORT, overdue_flagged_on__isnull=False)
    rects, rect_count = workbench.first(rects.order_by("deadline"))
    rect_items = [
        TodoItem(label=f"{r.evaluation.center.official_name} 整改复查", url=r.get_absolute_url(),
                 state_label=r.get_state_display(), due=r.deadline,
                 note="整改期限已过" if r.overdue_flagged_on else "")
        for r in rects
    ]
    year = timezone.localdate().year
    due, due_count = workbench.first(uncovered_due_queryset(year).only("official_name", "status", "recognized_on"))
    due_items = [TodoItem(label=c.official_name, url="/evaluations/rounds/new/", state_label=c.get_status_display(),
                          due=d, note="尚未纳入评估批次") for c, d in with_due_dates(due, year)]
    return [
        _section("绩效评估待组建专家组 / 开始评分", checked, Role.BUREAU_OFFICER, "没有待组建专家组的评估。"),
        _section("绩效评估待下结论", scoring, Role.BUREAU_OFFICER, "没有待下结论的评估。"),
        _section("评估材料逾期未交", overdue, Role.BUREAU_OFFICER, "没有逾期未交的评估材料。"),
        TodoSection(title="整改待复查", items=rect_items, count=rect_count, role=Role.BUREAU_OFFICER,
                    empty_text="没有待复查的整改。"),
        TodoSection(title="本年度到期待评估的中心", items=due_items, count=due_count, role=Role.BUREAU_OFFICER,
                    empty_text="本年度到期的中心都已纳入评估批次。"),
    ]


PROVIDERS = (applicant_todos, county_todos, bureau_todos)
