"""How the notice and objection workflows are reached from pages and the API (served by ticms.workflow)."""

from ticms.accounts.scope import get_visible_or_404
from ticms.policy.calendar import format_date_zh
from ticms.workflow.endpoints import Endpoint, register

from .api import notice_dict, objection_dict
from .models import Objection, PublicNotice
from .workflow import NOTICE_FLOW, OBJECTION_FLOW


def _notice(user, pk: int) -> PublicNotice:
    return get_visible_or_404(PublicNotice, user, pk=pk)


def _objection(user, pk: int) -> Objection:
    return get_visible_or_404(Objection.objects.select_related("item__notice", "handled_by"), user, pk=pk)


def _published(name, before: PublicNotice, after: PublicNotice) -> list[tuple[str, str]]:
    told = [("success", f"公示已发布，相关申请已进入公示期。{after.period_zh}。")]
    if after.starts_on != before.starts_on:
        told.append(("warning", f"原定开始日期（{format_date_zh(before.starts_on)}）已过，"
                                "公示期自发布当日起算，截止日期已按工作日重新计算（第九条第（四）项）。"))
    return told


def register_all() -> None:
    register(Endpoint(NOTICE_FLOW, "notice", "notices/<int:pk>", "/notices/{id}", load=_notice,
                      as_json=notice_dict, messages=_published))
    register(Endpoint(OBJECTION_FLOW, "objection", "notices/objections/<int:pk>", "/objections/{id}",
                      load=_objection, as_json=objection_dict,
                      messages=lambda name, before, after: [("success", "已记录异议处理结果。")]))
