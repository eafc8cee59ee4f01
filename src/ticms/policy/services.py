"""Entering a year's holiday schedule (the system administrator's duty, DESIGN §2, §6).

File format (CSV, UTF-8 or GBK, one date a line, a header line and `#` comments allowed):

    date,type,note
    2027-01-01,休,元旦
    2027-02-06,班,春节调休上班

`type` is 休 / holiday / rest (a rest day) or 班 / workday / work (a working day). List the statutory holidays that
fall on weekdays and the adjusted working weekends; every other date follows the week (Monday–Friday working).
Listing a holiday that falls on a weekend is allowed (it changes nothing). The whole year is replaced at once.
"""

from __future__ import annotations

import csv
import datetime
import io

from django.db import transaction
from django.utils import timezone

from ticms.audit import services as audit
from ticms.errors import ServiceError

from .models import CalendarDay, CalendarYear

REST_WORDS = {"休", "holiday", "rest", "假"}
WORK_WORDS = {"班", "workday", "work", "上班"}
Day = tuple[datetime.date, bool, str]


def schedule_errors(year: int, days: list[Day]) -> list[str]:
    """Problems with a year's list of days, in Chinese (empty when it can be imported)."""
    errors = []
    if not days:
        errors.append(f"未填写{year}年的任何日期。")
    seen: set[datetime.date] = set()
    for d, _working, _note in days:
        if d.year != year:
            errors.append(f"日期{d.isoformat()}不在{year}年内。")
        elif d in seen:
            errors.append(f"日期{d.isoformat()}重复填写。")
        seen.add(d)
    return errors


def parse_schedule(text: str, year: int | None = None) -> list[Day]:
    """Read the CSV format above. Raises ServiceError listing every bad line (line numbers, in Chinese)."""
    days: list[Day] = []
    errors: list[str] = []
    first_line: dict[datetime.date, int] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [c.strip() for c in row]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if cells[0].lower() in {"date", "日期"}:
            continue
        if len(cells) < 2:
            errors.append(f"第{number}行：应为“日期,类型,备注”，类型缺失。")
            continue
        raw_date, kind = cells[0], cells[1].lower()
        note = ",".join(cells[2:]).strip()
        try:
            d = datetime.date.fromisoformat(raw_date.replace("/", "-"))
        except ValueError:
            errors.append(f"第{number}行：日期“{raw_date}”无效，应为YYYY-MM-DD格式的真实日期。")
            continue
        if kind in REST_WORDS:
            working = False
        elif kind in WORK_WORDS:
            working = True
        else:
            errors.append(f"第{number}行：类型“{cells[1]}”无法识别，应为“休”（holiday）或“班”（workday）。")
            continue
        if year is not None and d.year != year:
            errors.append(f"第{number}行：日期{d.isoformat()}不在{year}年内。")
            continue
        if d in first_line:
            errors.append(f"第{number}行：日期{d.isoformat()}重复（第{first_line[d]}行已填写）。")
            continue
        first_line[d] = number
        days.append((d, working, note[:100]))
    if not errors and not days:
        errors.append("没有读到任何日期。")
    if errors:
        raise ServiceError("invalid_schedule", errors, status=422)
    return days


def import_year(year: int, days: list[Day], actor=None, *, source: str = "") -> CalendarYear:
    """Replace the schedule of `year` with `days` (date, is_working, note) and mark the year entered. Audited."""
    if not isinstance(year, int) or not 1900 <= year <= 2200:
        raise ServiceError("invalid_year", f"年份“{year}”无效。", status=422, field="year")
    errors = schedule_errors(year, days)
    if errors:
        raise ServiceError("invalid_schedule", errors, status=422)
    with transaction.atomic():
        previous = CalendarYear.objects.select_for_update().filter(year=year).first()
        replaced = CalendarDay.objects.filter(date__year=year).delete()[0]
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d, is_working_day=working, note=(note or "")[:100]) for d, working, note in days
        )
        entry, _created = CalendarYear.objects.update_or_create(
            year=year,
            defaults={"entered_by": actor, "entered_at": timezone.now(), "source": (source or "")[:200]},
        )
        audit.record(
            "calendar.import_year",
            actor=actor,
            role="system_admin" if actor is not None else "",
            obj=entry,
            data={
                "year": year,
                "source": source,
                "replaced_previous_entry": previous is not None,
                "replaced_days": replaced,
                "rest_days": [d.isoformat() for d, working, _n in sorted(days) if not working],
                "working_days": [d.isoformat() for d, working, _n in sorted(days) if working],
            },
        )
    return entry
