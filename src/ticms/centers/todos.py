"""The registry's to-dos on each role's workbench (bounded: a slice, and a count when the slice is full)."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.web import workbench
from ticms.web.workbench import TodoItem, TodoSection

from .models import ChangeState, FilingState
from .selectors import attention_list, centers_visible_to, changes_visible_to, filings_visible_to

N = workbench.MAX_ITEMS


def _change_section(qs, **section) -> TodoSection:
    rows, count = workbench.first(qs, N)
    return TodoSection(items=[TodoItem(label=f"{cr.center.official_name} · {cr.get_kind_display()}",
                                       url=cr.get_absolute_url(), state_label=cr.get_state_display())
                              for cr in rows], count=count, **section)


def _filing_section(qs, **section) -> TodoSection:
    rows, count = workbench.first(qs, N)
    return TodoSection(items=[TodoItem(label=f"{f.center.official_name} · {f.get_kind_display()}：{f.person_name}",
                                       url=f.get_absolute_url(), state_label=f.get_state_display(),
                                       note=f.title_check_evidence if f.flagged else "") for f in rows],
                       count=count, **section)


def applicant_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.APPLICANT):
        return []
    hosted = user.organisation_ids()
    centers, center_count = workbench.first(
        centers_visible_to(user).filter(host_unit_id__in=hosted).order_by("official_name"), N)
    center_items = [TodoItem(label=c.official_name, url=c.get_absolute_url(), state_label=c.get_status_display(),
                             note="内设机构已超过计划成为独立法人的日期" if c.legal_form_overdue() else "")
                    for c in centers]
    changes = changes_visible_to(user).filter(center__host_unit_id__in=hosted,
                                              state__in=[ChangeState.DRAFT, ChangeState.RETURNED])
    filings = filings_visible_to(user).filter(center__host_unit_id__in=hosted, state=FilingState.RETURNED)
    return [
        TodoSection(title="本单位的市技术创新中心", items=center_items, count=center_count, role=Role.APPLICANT,
                    empty_text="本单位暂无市技术创新中心。"),
        _change_section(changes, title="待提交或被退回的变更申请", role=Role.APPLICANT,
                        empty_text="没有待处理的变更申请。"),
        _filing_section(filings, title="被退回的任命备案", role=Role.APPLICANT, empty_text="没有被退回的备案。"),
    ]


def county_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.COUNTY_OFFICER):
        return []
    changes = changes_visible_to(user).filter(state=ChangeState.SUBMITTED).order_by("submitted_at")
    attention = attention_list(user, limit=N)
    items = [TodoItem(label=a.center.official_name, url=a.center.get_absolute_url(),
                      state_label=a.center.get_status_display(), note="；".join(a.notes)) for a in attention]
    return [
        _change_section(changes, title="变更申请待审核（第十五条）", role=Role.COUNTY_OFFICER,
                        empty_text="没有待审核的变更申请。"),
        TodoSection(title="辖区中心需要关注的事项", items=items, role=Role.COUNTY_OFFICER,
                    empty_text="辖区中心没有需要关注的事项。"),
    ]


def bureau_todos(user) -> list[TodoSection]:
    if not user.has_role(Role.BUREAU_OFFICER):
        return []
    filings = filings_visible_to(user).filter(state=FilingState.SUBMITTED).order_by("submitted_at")
    changes = changes_visible_to(user).filter(state=ChangeState.COUNTY_AGREED).order_by("submitted_at")
    return [
        _filing_section(filings, title="任命备案待确认（第七条第（二）项）", role=Role.BUREAU_OFFICER,
                        empty_text="没有待确认的备案。"),
        _change_section(changes, title="变更申请待批准（第十五条）", role=Role.BUREAU_OFFICER,
                        empty_text="没有待批准的变更申请。"),
    ]


PROVIDERS = (applicant_todos, county_todos, bureau_todos)
