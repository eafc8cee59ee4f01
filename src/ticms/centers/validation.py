"""Turning what a user typed (form, API or demo) into clean values, or a Chinese sentence saying what is wrong.

Services call these so a bad value never reaches the database, whoever sends it: negative staff, huge numbers,
text where a number belongs all end as ServiceError(field=...) → a form error or a JSON 422, never a 500.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from ticms.errors import ServiceError
from ticms.money import MAX_YUAN

MAX_STAFF = 100_000
MAX_AREA_M2 = Decimal("10000000")  # 10 km², far above any center, inside the column
MIN_YEAR = 1980


class Problems:
    """Collects field errors so one answer lists all of them."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            field = next(iter(self.errors))
            raise ServiceError("validation_error", dict(self.errors), field=field)


def _number(value, field: str, label: str, problems: Problems, what: str, *, separators: bool) -> Decimal | None:
    """The number typed, or None: left empty (no problem), or not a number (a problem: `label` must be `what`).
    `separators`: thousands separators ("1,200,000.00") are dropped first, as amounts are often pasted with them."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):  # JSON true is 1 to Python, but nobody typed a number
        problems.add(field, f"{label}须为{what}。")
        return None
    text = str(value).replace(",", "") if separators else str(value)
    try:
        return Decimal(text.strip())
    except (InvalidOperation, ValueError):
        problems.add(field, f"{label}须为{what}，收到“{value}”。")
        return None


def count(value, field: str, label: str, problems: Problems, *, maximum: int = MAX_STAFF) -> int | None:
    number = _number(value, field, label, problems, "整数", separators=False)
    if number is None:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        problems.add(field, f"{label}须为整数，收到“{value}”。")
        return None
    return int(number) if _within(number, field, label, problems, maximum, f"{maximum}") else None


def _within(number: Decimal, field: str, label: str, problems: Problems, maximum, shown: str) -> bool:
    """0 ≤ number ≤ maximum, or a problem on the field (`shown` is the maximum as the sentence writes it)."""
    if number < 0:
        problems.add(field, f"{label}不能为负数。")
        return False
    if number > maximum:
        problems.add(field, f"{label}不能超过{shown}。")
        return False
    return True


def amount(value, field: str, label: str, problems: Problems, *, maximum: Decimal = MAX_YUAN,
           unit: str = "元") -> Decimal | None:
    number = _number(value, field, label, problems, "数字", separators=True)
    if number is None:
        return None
    if not number.is_finite():
        problems.add(field, f"{label}须为有限的数字。")
        return None
    if not _within(number, field, label, problems, maximum, f"{maximum:,f}{unit}"):
        return None
    return number.quantize(Decimal("0.01"))


def year(value, field: str, problems: Problems, label: str = "年度") -> int | None:
    latest = timezone.localdate().year + 1
    number = count(value, field, label, problems, maximum=10_000)
    if number is None:
        if field not in problems.errors:
            problems.add(field, f"请填写{label}。")
        return None
    if not MIN_YEAR <= number <= latest:
        problems.add(field, f"{label}须在{MIN_YEAR}年至{latest}年之间。")
        return None
    return number


def date(value, field: str, label: str, problems: Problems, *, required: bool = True) -> datetime.date | None:
    if value is None or value == "":
        if required:
            problems.add(field, f"请填写{label}。")
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(field, f"{label}格式不正确，请按“2026-03-01”填写。")
        return None


def text(value, field: str, label: str, problems: Problems, *, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.add(field, f"{label}须为文字。")
        return ""
    value = value.strip()
    if required and not value:
        problems.add(field, f"请填写{label}。")
    elif len(value) > max_length:
        problems.add(field, f"{label}不能超过{max_length}个字。")
    return value


def choice(value, field: str, label: str, choices, problems: Problems, *, required: bool = True) -> str:
    value = "" if value is None else str(value).strip()
    if not value:
        if required:
            problems.add(field, f"请选择{label}。")
        return ""
    if value not in choices.values:
        allowed = "、".join(str(c.label) for c in choices)
        problems.add(field, f"{label}“{value}”无效，可选：{allowed}。")
        return ""
    return value
