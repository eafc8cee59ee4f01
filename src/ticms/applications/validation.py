"""Checking application facts, whoever sends them (form or API): types, ranges, lengths — in Chinese; and, before
submission, that every field the spec (fields.py) marks as required is filled."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from ticms.errors import ServiceError
from ticms.workflow.core import Reason

from . import fields as spec
from .fields import Kind
from .models import MAX_YUAN, Category

# Organisations are not plain values: the services take their ids (host_unit_id, partner_unit_ids).
EDITABLE = tuple(f.name for f in spec.editable() if f.kind not in (Kind.ORGANISATION, Kind.ORGANISATIONS))


def _name(f: spec.Field) -> str:
    """The field as a message names it (amounts here are yuan, so no 万元)."""
    return f"{f.label}（{spec.YEAR_WORDS[f.year_offset]}）" if f.year_offset is not None else f.label


def _decimal(f: spec.Field, value, maximum: Decimal, errors: dict, unit: str = "") -> Decimal | None:
    name = f.name
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        errors[name] = f"“{_name(f)}”应为数字。"
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[name] = f"“{_name(f)}”应为数字。"
        return None
    if not number.is_finite():
        errors[name] = f"“{_name(f)}”应为数字。"
    elif number < 0:
        errors[name] = f"“{_name(f)}”不能为负数。"
    elif number > maximum:
        errors[name] = f"“{_name(f)}”数值过大（上限 {maximum:,.0f}{unit}），请核对单位和位数。"
    elif number != number.quantize(Decimal("0.01")):
        errors[name] = f"“{_name(f)}”最多保留两位小数。"
    else:
        return number.quantize(Decimal("0.01"))
    return None


def _count(f: spec.Field, value, errors: dict) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        errors[f.name] = f"“{_name(f)}”应为整数。"
        return None
    try:
        number = int(value)
    except ValueError:
        errors[f.name] = f"“{_name(f)}”应为整数。"
        return None
    if number < 0:
        errors[f.name] = f"“{_name(f)}”不能为负数。"
    elif number > (f.maximum or 1_000_000):
        errors[f.name] = f"“{_name(f)}”数值过大，请核对。"
    else:
        return number
    return None


def _choice(f: spec.Field, value, errors: dict):
    if f.name == "category":
        if value not in Category.values:
            errors[f.name] = "类别应为“综合类”或“领域类”（第三条）。"
        return value
    if value in (None, ""):
        return ""
    if f.choices is not None and value not in f.choices():
        errors[f.name] = ("领域应为第三条第（二）项所列的重点产业集群之一。" if f.name == "field"
                          else f"“{_name(f)}”不在可选范围内。")
    return value


def _date(f: spec.Field, value, errors: dict) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors[f.name] = f"“{_name(f)}”应为日期（如 2026-01-31）。"
        return None


def clean_value(f: spec.Field, value, errors: dict):
    """One field's value typed and checked by its kind; a problem goes into `errors` under the field's name."""
    kind = f.kind
    if kind in (Kind.TEXT, Kind.LONG_TEXT):
        value = "" if value is None else value
        if not isinstance(value, str):
            errors[f.name] = f"“{_name(f)}”应为文字。"
        elif f.max_length and len(value) > f.max_length:
            errors[f.name] = f"“{_name(f)}”不能超过 {f.max_length} 个字。"
        else:
            return value.strip()
    elif kind == Kind.COUNT:
        return _count(f, value, errors)
    elif kind == Kind.MONEY:
        return _decimal(f, value, MAX_YUAN, errors, " 元")
    elif kind == Kind.NUMBER:
        return _decimal(f, value, Decimal(f.maximum or 10**7), errors)
    elif kind == Kind.DECLARATION:
        if isinstance(value, bool):
            return value
        errors[f.name] = f"“{_name(f)}”应为是或否。"
    elif kind == Kind.TRI_STATE:
        if value is None or isinstance(value, bool):
            return value
        errors[f.name] = f"“{_name(f)}”应为是、否或不填。"
    elif kind == Kind.CHOICE:
        return _choice(f, value, errors)
    elif kind == Kind.DATE:
        return _date(f, value, errors)
    return None


def clean_facts(data: dict) -> dict:
    """The subset of `data` that names application facts, typed and checked; ServiceError lists every problem."""
    errors: dict[str, str] = {}
    out: dict = {}
    for name, value in data.items():
        if name not in EDITABLE:
            continue
        cleaned = clean_value(spec.get(name), value, errors)
        if name not in errors:
            out[name] = cleaned
    if errors:
        raise ServiceError("invalid_application", errors, field=next(iter(errors)))
    return out


def missing_required(app) -> list[Reason]:
    """Each required field left empty, for the `submit` step (Art. 9(2)); the integrity declaration has its own
    guard (Art. 8(4)), named by the field's `checked_by`."""
    reasons = []
    for f in spec.required():
        if f.checked_by:
            continue
        value = list(getattr(app, f.name).all()) if f.kind == Kind.ORGANISATIONS else getattr(app, f.name)
        if f.is_empty(value):
            reasons.append(Reason(f"missing_{f.name}", f"申请书未填写“{f.label_for(app.year)}”。", "9(2)"))
    if app.requests_preparatory and not app.preparatory_reason.strip():
        reasons.append(Reason("missing_preparatory_reason", "申请列为筹建对象时须说明理由。", "11"))
    return reasons
