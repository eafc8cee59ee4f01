"""Cell parsers: a cell's value (as openpyxl reads it) → the value a service takes, or `Invalid` with the reason
in Chinese. Empty cells arrive as None and are checked for `required` before any parser runs."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ticms.accounts import credit_code as codes
from ticms.money import MAX_WAN, to_yuan

from .spec import Invalid

SEPARATORS = re.compile(r"[、，,；;\s]+")


def _as_text(value) -> str:
    if isinstance(value, bool):
        raise Invalid("应为文字，实为逻辑值。")
    if isinstance(value, float) and value.is_integer():
        # A number typed into a text column (a phone number, a year) arrives as 13800138000.0.
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        raise Invalid("应为文字，实为日期。")
    return str(value).strip()


def text(max_length: int):
    def parse(value) -> str:
        result = _as_text(value)
        if len(result) > max_length:
            raise Invalid(f"不能超过{max_length}个字（现有{len(result)}个字）。")
        return result

    return parse


def choice(options: dict[str, str]):
    """Chinese label → stored value."""

    def parse(value) -> str:
        label = _as_text(value)
        if label not in options:
            allowed = "”“".join(options)
            raise Invalid(f"应为“{allowed}”之一，实为“{label}”。")
        return options[label]

    return parse


def date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        raise Invalid(f"是文本“{value.strip()}”，不是日期。请将该单元格设为日期格式后重新输入（如 2024-03-15）。")
    raise Invalid(f"是数字“{value}”，不是日期。请将该单元格设为日期格式。")


NUMERIC_CODE = "是数字格式的单元格：Excel 只保留15位有效数字，18位代码会被改动。请将该列设为“文本”格式后重新输入。"


def credit_code(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise Invalid(NUMERIC_CODE)
    try:
        return codes.validate(_as_text(value))
    except codes.CreditCodeError as exc:
        # The header already says 统一社会信用代码; the sentence need not say it again.
        raise Invalid(str(exc).removeprefix("统一社会信用代码") + "。") from None


def credit_codes(value) -> list[str]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise Invalid(NUMERIC_CODE)
    result = []
    for part in SEPARATORS.split(_as_text(value)):
        if part:
            try:
                result.append(codes.validate(part))
            except codes.CreditCodeError as exc:
                raise Invalid(f"“{part}”：{str(exc).removeprefix('统一社会信用代码')}。") from None
    return result


def names(value) -> list[str]:
    return [part for part in SEPARATORS.split(_as_text(value)) if part]


def integer(minimum: int, maximum: int):
    def parse(value) -> int:
        if isinstance(value, bool):
            raise Invalid("应为整数。")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int):
            raise Invalid(f"应为整数，实为“{value}”。")
        if not minimum <= value <= maximum:
            raise Invalid(f"应在{minimum}至{maximum}之间，实为{value}。")
        return value

    return parse


def wan(value) -> Decimal:
    """An amount typed in 万元 → yuan, as stored (ticms.money)."""
    if isinstance(value, bool) or isinstance(value, datetime.date | datetime.datetime):
        raise Invalid("应为数字（单位：万元）。")
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise Invalid(f"应为数字（单位：万元），实为“{value}”。") from None
    if not amount.is_finite() or amount < 0:
        raise Invalid("应为不小于0的数字（单位：万元）。")
    if amount > MAX_WAN:
        raise Invalid("数值过大，请核对单位（万元）。")
    return to_yuan(amount)


def yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    word = _as_text(value)
    if word in {"是", "有"}:
        return True
    if word in {"否", "无"}:
        return False
    raise Invalid(f"应为“是”或“否”，实为“{word}”。")


def phone(value) -> str:
    result = _as_text(value)
    if not re.fullmatch(r"[0-9+\-() ]{5,30}", result):
        raise Invalid(f"“{result}”不是有效的电话号码。")
    return result


def email(value) -> str:
    result = _as_text(value)
    try:
        validate_email(result)
    except ValidationError:
        raise Invalid(f"“{result}”不是有效的电子邮箱地址。") from None
    return result
