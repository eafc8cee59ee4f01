"""Workbench and home sections of notices."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import format_html

from ticms.accounts.roles import Role
from ticms.applications.models import Application
from ticms.applications.selectors import todo_rows
from ticms.web import home, workbench
from ticms.web.workbench import TodoItem, TodoSection, first

from .models import NoticeState, Objection, ObjectionState, PublicNotice


def bureau_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.BUREAU_OFFICER):
        return []
    # Only what the lines show: the objector's phone is sealed (SM4), and decrypting 20 of them per view is waste.
    open_ = (Objection.objects.visible_to(user).filter(state=ObjectionState.OPEN).select_related("item")
             .only("reference", "state", "item__center_name").order_by("submitted_at"))
    # Ended notices whose applications still wait for the bureau's decision (still 公示中).
    ended = (
        PublicNotice.objects.visible_to(user)
        .filter(state=NoticeState.PUBLISHED, ends_on__lt=timezone.localdate(),
                items__application__state="publicized")
        .distinct().only("title", "starts_on", "ends_on").order_by("ends_on")
    )

    ready = (Application.objects.visible_to(user).filter(state="plan_submitted")
             .exclude(notice_items__notice__state=NoticeState.DRAFT).select_related("lead_unit").order_by("pk"))
    ready, ready_count = first(todo_rows(ready))
    open_, open_count = first(open_)
    ended, ended_count = first(ended)
    return [
        TodoSection(
            title="建设方案已提交、待列入公示的申请",
            items=[TodoItem(label=str(a), url="/notices/new/") for a in ready],
            count=ready_count, role=Role.BUREAU_OFFICER, empty_text="没有待公示的申请。",
        ),
        TodoSection(
            title="待处理的异议",
            items=[TodoItem(label=f"{o.reference} · {o.item.center_name}", url=o.get_absolute_url(),
                            state_label=o.get_state_display()) for o in open_],
            count=open_count, role=Role.BUREAU_OFFICER, empty_text="没有待处理的异议。",
        ),
        TodoSection(
            title="公示期已结束、待作出认定决定",
            items=[TodoItem(label=n.title, url=n.get_absolute_url(), due=n.ends_on, note=n.period_zh)
                   for n in ended],
            count=ended_count, role=Role.BUREAU_OFFICER, empty_text="没有待决定的公示。",
        ),
    ]


def current_notices(request):
    today = timezone.localdate()
    notices = PublicNotice.objects.filter(state=NoticeState.PUBLISHED, ends_on__gte=today).order_by("-starts_on")[:5]
    notices = list(notices)
    if not notices:
        return None
    return home.HomeSection(
        title="正在公示",
        items=[format_html('<a href="{}">{}</a>（{}）', n.get_absolute_url(), n.title, n.period_zh) for n in notices],
        url="/notices/",
    )


def register() -> None:
    workbench.register(bureau_todos)
    home.register(current_notices)
