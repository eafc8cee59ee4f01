"""Records each document is generated from, made through the apps' services where the flow is not under test."""

from __future__ import annotations

from ticms.applications.models import Application
from ticms.calls.services import publish_call

from ..centers.factories import make_center
from ..notices.factories import published_notice, ready_application


def call(bureau):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    return publish_call(actor=bureau, title="关于组织申报2026年度朔州市技术创新中心的通知", year=2026, opens=today,
                        closes=today + datetime.timedelta(days=30), fields=["碳基新材料"], text="请按时申报。")


def decided_notice(bureau, organisation, state="recognized"):
    """A published notice whose one application was then recognized (or listed as preparatory): the workflow
    that gets there is the applications app's to test; here the decision and its center are set directly."""
    app = ready_application(organisation)
    notice = published_notice(bureau, [app])
    center = make_center(organisation, field="碳基新材料", official_name="朔州市碳基新材料技术创新中心",
                         status="active" if state == "recognized" else "preparatory", bureau=bureau)
    Application.objects.filter(pk=app.pk).update(state=state, center=center)
    return notice, center
