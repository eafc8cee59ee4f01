"""The notice period (Art. 9(4)): the policy's notice length in working days, publication day counted when it
is a working day (ticms.policy.calendar). A year the calendar does not know is refused with its name."""

from __future__ import annotations

import datetime

from ticms.errors import ServiceError
from ticms.policy.calendar import UnknownCalendarYear, format_period_zh, period_end


def end_of_period(start: datetime.date) -> datetime.date:
    try:
        return period_end(start)
    except UnknownCalendarYear as exc:
        raise ServiceError("unknown_calendar_year", f"无法计算公示截止日期：{exc}。", field="starts_on") from exc


def period_zh(start: datetime.date, end: datetime.date) -> str:
    return format_period_zh(start, end)
