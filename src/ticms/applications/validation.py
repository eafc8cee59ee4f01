"""Checking application facts, whoever sends them (form or API): types, ranges, lengths — in Chinese."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ticms.errors import ServiceError

from .models import MAX_YUAN, Application, Category
from .policy_adapter import field_names

MAX_COUNT = 1_000_000
MAX_AREA = Decimal(10) ** 7
MAX_TEXT = 20_000
TEXT = {"name": 200, "director": 100, "director_title": 50, "integrity_signer": 100, "ip_assets": MAX_TEXT,
        "achievements": MAX_TEXT, "construction_plan": MAX_TEXT, "preparatory_reason": MAX_TEXT}
COUNTS = ("fixed_staff", "visiting_staff", "ip_asset_count")
MONEY = ("equipment_value", "rd_investment_y1", "rd_investment_y2", "rd_investment_y3")
BOOLS = ("integrity_declaration", "requests_preparatory")
NULL_BOOLS = ("independent_legal_person",)
EDITABLE = (*TEXT, *COUNTS, *MONEY, *BOOLS, *NULL_BOOLS, "category", "field", "floor_area_m2")


def _label(name: str) -> str:
    return str(Application._meta.get_field(name).verbose_name)


def _decimal(name: str, value, maximum: Decimal, errors: dict) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        errors[name] = f"“{_label(name)}”应为数字。"
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[name] = f"“{_label(name)}”应为数字。"
        return None
    if not number.is_finite():
        errors[name] = f"“{_label(name)}”应为数字。"
    elif number < 0:
        errors[name] = f"“{_label(name)}”不能为负数。"
    elif number > maximum:
        errors[name] = f"“{_label(name)}”数值过大（上限 {maximum:,.0f}），请核对单位和位数。"
    elif number != number.quantize(Decimal("0.01")):
        errors[name] = f"“{_label(name)}”最多保留两位小数。"
    else:
        return number.quantize(Decimal("0.01"))
    return None


def clean_facts(data: dict) -> dict:
    """The subset of `data` that names application facts, typed and checked; ServiceError lists every problem."""
    errors: dict[str, str] = {}
    out: dict = {}
    for name, value in data.items():
        if name not in EDITABLE:
            continue
        if name in TEXT:
            if value is None:
                value = ""
            if not isinstance(value, str):
                errors[name] = f"“{_label(name)}”应为文字。"
            elif len(value) > TEXT[name]:
                errors[name] = f"“{_label(name)}”不能超过 {TEXT[name]} 个字。"
            else:
                out[name] = value.strip()
        elif name in COUNTS:
            if value is None or value == "":
                out[name] = None
            elif isinstance(value, bool) or not isinstance(value, int | str):
                errors[name] = f"“{_label(name)}”应为整数。"
            else:
                try:
                    number = int(value)
                except ValueError:
                    errors[name] = f"“{_label(name)}”应为整数。"
                    continue
                if number < 0:
                    errors[name] = f"“{_label(name)}”不能为负数。"
                elif number > MAX_COUNT:
                    errors[name] = f"“{_label(name)}”数值过大，请核对。"
                else:
                    out[name] = number
        elif name in MONEY:
            out[name] = _decimal(name, value, MAX_YUAN, errors)
        elif name == "floor_area_m2":
            out[name] = _decimal(name, value, MAX_AREA, errors)
        elif name in BOOLS:
            if not isinstance(value, bool):
                errors[name] = f"“{_label(name)}”应为是或否。"
            else:
                out[name] = value
        elif name in NULL_BOOLS:
            if value is not None and not isinstance(value, bool):
                errors[name] = f"“{_label(name)}”应为是、否或不填。"
            else:
                out[name] = value
        elif name == "category":
            if value not in Category.values:
                errors[name] = "类别应为“综合类”或“领域类”（第三条）。"
            else:
                out[name] = value
        elif name == "field":
            if value in (None, ""):
                out[name] = ""
            elif value not in field_names():
                errors[name] = "领域应为第三条第（二）项所列的重点产业集群之一。"
            else:
                out[name] = value
    if errors:
        raise ServiceError("invalid_application", errors, field=next(iter(errors)))
    return out
