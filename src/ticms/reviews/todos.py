"""Workbench sections of expert review: the expert's declarations and opinions, the bureau's panels."""

from __future__ import annotations

from django.urls import reverse

from ticms.accounts.roles import Role
from ticms.applications.selectors import todo_rows
from ticms.web import workbench
from ticms.web.workbench import TodoItem, TodoSection, first

from .models import Assignment, Declaration, Panel
from .selectors import applications_without_panel


def expert_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.EXPERT):
        return []
    mine = Assignment.objects.visible_to(user, role=Role.EXPERT).filter(active=True).select_related("panel")
    pending, pending_count = first(mine.filter(declaration=Declaration.PENDING).order_by("pk"))
    to_write, to_write_count = first(mine.filter(declaration=Declaration.NO_CONFLICT, opinion__isnull=True)
                                     .order_by("pk"))
    return [
        TodoSection(
            title="待声明是否回避",
            items=[TodoItem(label=a.panel.subject_title, url=a.get_absolute_url(), state_label="待声明")
                   for a in pending],
            count=pending_count, role=Role.EXPERT, empty_text="没有待声明的评审任务。",
        ),
        TodoSection(
            title="待提交评审意见",
            items=[TodoItem(label=a.panel.subject_title, url=a.get_absolute_url(), due=a.panel.defence_at,
                            state_label="待提交") for a in to_write],
            count=to_write_count, role=Role.EXPERT, empty_text="没有待提交的意见。",
        ),
    ]


def bureau_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.BUREAU_OFFICER):
        return []
    # Kept by the services (`Panel.awaiting_opinions`), read through its partial index: probing every panel's
    # experts and opinions cost 90 ms at the province's size once past reviews were complete (issue 15).
    incomplete = (Panel.objects.visible_to(user).filter(awaiting_opinions__gt=0, closed_at__isnull=True)
                  .only("subject_title", "awaiting_opinions").order_by("-drawn_at", "-pk"))
    recused = (
        Assignment.objects.visible_to(user).filter(active=True, declaration=Declaration.RECUSED)
        .select_related("panel", "expert").only("recusal_reason", "panel__subject_title", "expert__name")
        .order_by("pk")
    )

    waiting, waiting_count = first(todo_rows(applications_without_panel(user)))
    panels, panel_count = first(incomplete)
    recused, recused_count = first(recused)
    return [
        TodoSection(
            title="待组建专家组的申请",
            items=[TodoItem(label=str(a), url=reverse("reviews:panel_create", args=["application", a.pk]))
                   for a in waiting],
            count=waiting_count, role=Role.BUREAU_OFFICER, empty_text="没有待组建专家组的申请。",
        ),
        TodoSection(
            title="专家意见未收齐的专家组",
            items=[TodoItem(label=p.subject_title, url=p.get_absolute_url(), note=f"还差 {p.awaiting_opinions} 份意见")
                   for p in panels],
            count=panel_count, role=Role.BUREAU_OFFICER, empty_text="所有专家组的意见都已收齐。",
        ),
        TodoSection(
            title="已回避、待替补的专家",
            items=[TodoItem(label=f"{a.expert.name} · {a.panel.subject_title}", url=a.panel.get_absolute_url(),
                            note=a.recusal_reason[:60]) for a in recused],
            count=recused_count, role=Role.BUREAU_OFFICER, empty_text="没有待替补的专家。",
        ),
    ]


def register() -> None:
    workbench.register(expert_todos)
    workbench.register(bureau_todos)
