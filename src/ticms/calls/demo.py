"""Demo: one open call for applications, published by the bureau."""

import datetime

from django.utils import timezone

from ticms.ops.demo import DemoContext

from .models import Call
from .services import publish_call

TITLE = "关于组织申报2026年度朔州市技术创新中心的通知"
TEXT = """各县（市、区）科技管理部门、市直有关单位：
根据《朔州市技术创新中心管理办法》，现组织开展2026年度市技术创新中心申报工作。
符合第八条基本条件的单位，请按要求编制《朔州市技术创新中心申请书》并提交相关附件，经归口管理单位审核后报市科技局。"""


def seed(ctx: DemoContext) -> None:
    call = Call.objects.filter(title=TITLE).first()
    if call is None:
        today = timezone.localdate()
        call = publish_call(actor=ctx.users["bureau"], title=TITLE, year=today.year, text=TEXT,
                            opens=today - datetime.timedelta(days=10), closes=today + datetime.timedelta(days=60))
    ctx.extra["call"] = call
    ctx.say(f"建设通知：{call.title}（{call.opens}至{call.closes}）\n")
