"""Notices over applications that reached 建设方案已提交 (plan_submitted)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ticms.notices import services

from ..reviews.factories import application

# The last Monday of a year the installed chinese-calendar certainly knows (it stops at 2026).
LAST_KNOWN_MONDAY = datetime.date(2026, 11, 2)


def ended_notice_start(today: datetime.date | None = None) -> datetime.date:
    """A start date whose five working days are over by `today` (default: the real today), in a year the holiday
    calendar knows — for tests that cannot freeze the clock (live server, API driven from "today")."""
    today = today or timezone.localdate()
    return min(today - datetime.timedelta(days=20), LAST_KNOWN_MONDAY)


def ready_application(lead_unit=None, **kwargs):
    return application(lead_unit, state="plan_submitted", **kwargs)


def draft_notice(bureau, apps=None, *, starts_on: datetime.date | None = None, **kwargs):
    apps = apps if apps is not None else [ready_application()]
    return services.create_notice(actor=bureau, title="关于拟认定2026年度朔州市技术创新中心的公示", applications=apps,
                                  contact_phone="0349-2021234", contact_email="kjj@example.cn",
                                  contact_address="朔州市开发区", starts_on=starts_on or timezone.localdate(), **kwargs)


def published_notice(bureau, apps=None, **kwargs):
    return services.publish_notice(actor=bureau, notice=draft_notice(bureau, apps, **kwargs))


def ended_notice(bureau, apps=None):
    return published_notice(bureau, apps, starts_on=ended_notice_start())
