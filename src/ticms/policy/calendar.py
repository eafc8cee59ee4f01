"""Working days (DESIGN §6): weekends and statutory holidays are rest, adjusted weekends (调休) are working days.

The schedules published by the State Council come from the `chinese-calendar` package. For a year the system
administrator has entered (`CalendarYear`), the entered days decide instead: a listed date is what the list says,
an unlisted date follows the week (Monday–Friday working). A date in no known schedule raises
`UnknownCalendarYear`, which names the year — never a silent weekday guess.

A period starts on its first day: a notice published on a working day counts that day as day 1; published on a
rest day, day 1 is the next working day. `period_end(2025-09-26, 5)` is 2025-10-09 (National Day 2025).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import chinese_calendar
from django.db.models import Count, Q
from django.utils import timezone

from .loader import current_policy
from .models import CalendarDay, CalendarYear

ONE_DAY = datetime.timedelta(days=1)


class UnknownCalendarYear(Exception):
    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year}年的法定节假日安排尚未录入，请系统管理员先录入该年安排")


def package_years() -> list[int]:
    """The years whose State Council schedule the installed chinese-calendar package knows."""
    return sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})


class Calendar:
    """Answers working-day questions, reading each entered year's overrides once (one instance per computation)."""

    def __init__(self):
        self._entered: set[int] | None = None
        self._days: dict[int, dict[datetime.date, bool]] = {}

    def _entered_years(self) -> set[int]:
        if self._entered is None:
            self._entered = set(CalendarYear.objects.values_list("year", flat=True))
        return self._entered

    def _overrides(self, year: int) -> dict[datetime.date, bool]:
        if year not in self._days:
            rows = CalendarDay.objects.filter(date__year=year).values_list("date", "is_working_day")
            self._days[year] = dict(rows)
        return self._days[year]

    def is_working_day(self, d: datetime.date) -> bool:
        if d.year in self._entered_years():
            return self._overrides(d.year).get(d, d.weekday() < 5)
        try:
            return chinese_calendar.is_workday(d)
        except NotImplementedError:
            raise UnknownCalendarYear(d.year) from None

    def next_working_day(self, d: datetime.date) -> datetime.date:
        """`d` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += ONE_DAY
        return d

    def add_working_days(self, d: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `d` (`d` itself not counted); n = 0 gives `d`."""
        if n < 0:
            raise ValueError("n must not be negative")
        while n:
            d += ONE_DAY
            if self.is_working_day(d):
                n -= 1
        return d

    def period_end(self, start: datetime.date, days: int, unit: str = "working") -> datetime.date:
        """The last day of a period of `days` days starting on `start` (day 1)."""
        if days < 1:
            raise ValueError("a period has at least one day")
        if unit == "calendar":
            return start + datetime.timedelta(days=days - 1)
        if unit != "working":
            raise ValueError(f"unknown day unit {unit!r} (working or calendar)")
        return self.add_working_days(self.next_working_day(start), days - 1)

    def working_days_between(self, first: datetime.date, last: datetime.date) -> int:
        """How many working days lie in [first, last]."""
        count, d = 0, first
        while d <= last:
            count += self.is_working_day(d)
            d += ONE_DAY
        return count


def is_working_day(d: datetime.date) -> bool:
    return Calendar().is_working_day(d)


def next_working_day(d: datetime.date) -> datetime.date:
    return Calendar().next_working_day(d)


def add_working_days(d: datetime.date, n: int) -> datetime.date:
    return Calendar().add_working_days(d, n)


def working_days_between(first: datetime.date, last: datetime.date) -> int:
    return Calendar().working_days_between(first, last)


def period_end(start: datetime.date, days: int | None = None, unit: str | None = None, policy=None) -> datetime.date:
    """End of a period starting `start`. Without `days`/`unit`, the notice period of the policy (Art. 9(4))."""
    if days is None or unit is None:
        policy = policy or current_policy()
        if days is None:
            days = policy.param("notice_length", start)
        if unit is None:
            unit = policy.param("notice_day_unit", start)
    return Calendar().period_end(start, days, unit)


def format_date_zh(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def format_period_zh(start: datetime.date, end: datetime.date) -> str:
    """公示时间：2025年9月26日至2025年10月9日"""
    return f"公示时间：{format_date_zh(start)}至{format_date_zh(end)}"


@dataclass(frozen=True)
class KnownYear:
    year: int
    source: str  # "package" | "entered"
    entered: object | None = None  # the CalendarYear when entered
    holidays: int = 0  # weekday rest days
    workdays: int = 0  # weekend working days


def known_years() -> list[KnownYear]:
    """Every year with a schedule, entered ones taking precedence over the package."""


    entered = {cy.year: cy for cy in CalendarYear.objects.select_related("entered_by")}
    counts = {
        row["date__year"]: row
        for row in CalendarDay.objects.values("date__year").annotate(
            rest=Count("id", filter=Q(is_working_day=False)), work=Count("id", filter=Q(is_working_day=True))
        )
    }
    out = []
    for year in sorted(set(package_years()) | set(entered)):
        if year in entered:
            row = counts.get(year, {})
            out.append(KnownYear(year, "entered", entered[year], row.get("rest", 0), row.get("work", 0)))
        else:
            rest = sum(1 for d in chinese_calendar.holidays if d.year == year and d.weekday() < 5)
            work = sum(1 for d in chinese_calendar.workdays if d.year == year and d.weekday() >= 5)
            out.append(KnownYear(year, "package", None, rest, work))
    return out


def first_unknown_year(after: int | None = None) -> int:
    """The first year from `after` (this year by default) on that has no schedule."""

    known = set(package_years()) | set(CalendarYear.objects.values_list("year", flat=True))
    if after is None:
        after = timezone.localdate().year
    year = after
    while year in known:
        year += 1
    return year
