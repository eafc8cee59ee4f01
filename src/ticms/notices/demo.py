"""Demo: a notice in its period with one open objection, and one whose period has ended (Art. 9(4)), after which
the bureau recognized one application and listed the other as preparatory (Art. 11).

Idempotent: a notice is found through its applications' items; an application is recognized or listed only while
it is still 公示中.

A notice starts on the day it is published, never earlier (Art. 9(4)), so the ended notice is told as it happened:
its services run with the clock set to the day it was published (`_clock_at`), not with a past start date.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from ticms.applications.services import transition_application
from ticms.errors import ServiceError
from ticms.ops.demo import DemoContext
from ticms.workflow.core import WorkflowError

from . import services
from .models import NoticeItem, Proposed

# The bureau's decision after an unopposed notice, by the item's proposed result: step, what it does, comment.
DECISIONS = {
    Proposed.RECOGNIZE: ("recognize", "认定", "公示期满无异议，予以认定。"),
    Proposed.PREPARATORY: ("list_preparatory", "列为筹建", "公示期满无异议，列为筹建对象。"),
}

CONTACT = {"contact_phone": "0349-2023456", "contact_email": "kjjcxk@shuozhou.example.cn",
           "contact_address": "朔州市开发区市政府大楼科技局创新发展科"}


@contextmanager
def _clock_at(day: datetime.date):
    """Django's clock set to 09:30 on `day` and ticking on from there, for the demo's history only."""
    real = timezone.now
    offset = real() - datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=timezone.get_current_timezone())
    with mock.patch("django.utils.timezone.now", lambda: real() - offset):
        yield


def _notice(ctx: DemoContext, apps: list, title: str, starts_on: datetime.date):
    item = NoticeItem.objects.filter(application__in=apps).select_related("notice").first()
    if item is not None:
        return item.notice
    apps = [app for app in apps if app.state == "plan_submitted"]
    if not apps:
        return None
    bureau = ctx.users["bureau"]
    with _clock_at(starts_on):
        notice = services.create_notice(actor=bureau, title=title, applications=apps,
                                        text="根据《朔州市技术创新中心管理办法》第九条，现予公示。如有异议，请在公示期内实名提出。",
                                        **CONTACT)
        return services.publish_notice(actor=bureau, notice=notice)


def _try_notice(ctx: DemoContext, apps: list, title: str, starts_on: datetime.date):
    """The notice, or None with a message when it cannot be made — e.g. the holiday calendar does not know the
    year yet (chinese-calendar stops at its last published schedule until the system admin enters the next one)."""
    apps = [app for app in apps if app]
    if not apps:
        return None
    try:
        return _notice(ctx, apps, title, starts_on)
    except ServiceError as exc:
        ctx.say(f"公示：“{title}”未生成（{exc.detail}）\n")
        return None


def _decide(ctx: DemoContext, notice) -> None:
    """After the period, the bureau recognizes each 拟认定 item and lists each 拟列为筹建 item as preparatory."""

    if notice is None or not notice.ended:
        return
    for item in notice.items.select_related("application"):
        if item.application.state != "publicized":
            continue
        step, verb, comment = DECISIONS[item.proposed]
        try:
            transition_application(actor=ctx.users["bureau"], application=item.application, name=step,
                                   comment=comment)
        except (ServiceError, WorkflowError) as exc:  # e.g. a center of that name exists already
            detail = exc.detail if isinstance(exc, ServiceError) else "；".join(r.message for r in exc.reasons)
            ctx.say(f"公示：“{item.center_name}”未能{verb}（{detail}）\n")


def seed(ctx: DemoContext) -> None:
    ready = ctx.extra.get("plan_submitted") or {}
    today = timezone.localdate()
    current = _try_notice(ctx, [ready.get("current")],
                          f"关于拟列为{today.year}年度朔州市技术创新中心筹建对象的公示", today)
    ended = _try_notice(ctx, [ready.get("ended"), ready.get("ended_preparatory")],
                        f"关于拟认定{today.year}年度朔州市技术创新中心及筹建对象的公示",
                        today - datetime.timedelta(days=30))
    _decide(ctx, ended)
    if current and not current.items.get().objections.exists():
        services.raise_objection(item=current.items.get(), name="赵公民", organisation="山阴县某陶瓷企业",
                                 phone="13803490000", content="该单位近三年研发投入的数据与其年报不一致，请核实。")
    ctx.say(f"公示：{'、'.join(n.title for n in (current, ended) if n) or '无'}\n")
