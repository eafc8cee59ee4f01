"""Notices over applications that reached 建设方案已提交 (plan_submitted)."""

from __future__ import annotations

import datetime
import zoneinfo

import time_machine
from django.utils import timezone

from ticms.notices import services

from ..reviews.factories import application

# The last Monday of a year the installed chinese-calendar certainly knows (it stops at 2026).
LAST_KNOWN_MONDAY = datetime.date(2026, 11, 2)


def ended_notice_start(today: datetime.date | None = None) -> datetime.date:
    """A day whose notice's five working days are over by `today` (default: today), in a year the holiday
    calendar knows."""
    today = today or timezone.localdate()
    return min(today - datetime.timedelta(days=20), LAST_KNOWN_MONDAY)


def at(day: datetime.date):
    """Move the clock (every thread) to 09:30 in Shuozhou on `day`; it ticks on from there. A notice starts on the
    day it is published, so a notice of another day is made by moving the clock, never by a past start date."""
    moment = datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    return time_machine.travel(moment, tick=True)


def ready_application(lead_unit=None, **kwargs):
    return application(lead_unit, state="plan_submitted", **kwargs)


def draft_notice(bureau, apps=None, *, starts_on: datetime.date | None = None, **kwargs):
    apps = apps if apps is not None else [ready_application()]
    return services.create_notice(actor=bureau, title="关于拟认定2026年度朔州市技术创新中心的公示", applications=apps,
                                  contact_phone="0349-2021234", contact_email="kjj@example.cn",
                                  contact_address="朔州市开发区", starts_on=starts_on or timezone.localdate(), **kwargs)


def published_notice(bureau, apps=None, **kwargs):
    return services.publish_notice(actor=bureau, notice=draft_notice(bureau, apps, **kwargs))


def ended_notice(bureau, apps=None, **kwargs):
    """A notice published twenty days before today (the clock moved there to publish it): its period is over."""
    with at(ended_notice_start()):
        return published_notice(bureau, apps, **kwargs)
