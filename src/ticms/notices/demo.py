"""Demo: a notice in its period with one open objection, and one whose period has ended (Art. 9(4))."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ticms.errors import ServiceError
from ticms.ops.demo import DemoContext

from . import services
from .models import NoticeItem

CONTACT = {"contact_phone": "0349-2023456", "contact_email": "kjjcxk@shuozhou.example.cn",
           "contact_address": "朔州市开发区市政府大楼科技局创新发展科"}


def _notice(ctx: DemoContext, app, title: str, starts_on: datetime.date):
    item = NoticeItem.objects.filter(application=app).select_related("notice").first()
    if item is not None:
        return item.notice
    if app.state != "plan_submitted":
        return None
    bureau = ctx.users["bureau"]
    notice = services.create_notice(actor=bureau, title=title, applications=[app], starts_on=starts_on,
                                    text="根据《朔州市技术创新中心管理办法》第九条，现予公示。如有异议，请在公示期内实名提出。",
                                    **CONTACT)
    return services.publish_notice(actor=bureau, notice=notice)


def _try_notice(ctx: DemoContext, app, title: str, starts_on: datetime.date):
    """The notice, or None with a message when it cannot be made — e.g. the holiday calendar does not know the
    year yet (chinese-calendar stops at its last published schedule until the system admin enters the next one)."""
    if not app:
        return None
    try:
        return _notice(ctx, app, title, starts_on)
    except ServiceError as exc:
        ctx.say(f"公示：“{title}”未生成（{exc.detail}）\n")
        return None


def seed(ctx: DemoContext) -> None:
    ready = ctx.extra.get("plan_submitted") or {}
    today = timezone.localdate()
    current = _try_notice(ctx, ready.get("current"), f"关于拟列为{today.year}年度朔州市技术创新中心筹建对象的公示",
                          today)
    ended = _try_notice(ctx, ready.get("ended"), f"关于拟认定{today.year}年度朔州市技术创新中心的公示",
                        today - datetime.timedelta(days=30))
    if current and not current.items.get().objections.exists():
        services.raise_objection(item=current.items.get(), name="赵公民", organisation="山阴县某陶瓷企业",
                                 phone="13803490000", content="该单位近三年研发投入的数据与其年报不一致，请核实。")
    ctx.say(f"公示：{'、'.join(n.title for n in (current, ended) if n) or '无'}\n")
