"""Application values as people read them, by the kind fields.py gives each field: the record page, the 申报书,
read-only form fields and the differences between versions all show a value the same way."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from ticms.money import to_wan

from . import fields as spec
from .fields import Kind
from .models import Application

EMPTY = "—"


def _number(value) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number.normalize():f}" if number == number.to_integral() else f"{number:f}"


def _when(value) -> str:
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _organisation(value) -> str:
    if isinstance(value, str):  # a frozen version keeps the name
        return value
    code = getattr(value, "credit_code", "")
    return f"{value.name}（{code}）" if code else value.name


def display(f: spec.Field, value) -> str:
    """`value` of field `f` as text: from the record, or as a frozen version stored it (JSON)."""
    if f.kind == Kind.ORGANISATIONS and value is not None and not isinstance(value, str):
        value = "、".join(o.name for o in value)
    if value is None or value == "":
        return EMPTY
    kind = f.kind
    if kind == Kind.MONEY:
        try:
            return f"{to_wan(value)} 万元"
        except (InvalidOperation, ValueError):
            return str(value)
    if kind in (Kind.COUNT, Kind.NUMBER):
        return f"{_number(value)} {f.unit}".rstrip()
    if kind in (Kind.TRI_STATE, Kind.DECLARATION):
        return {True: "是", False: "否"}.get(value, str(value))
    if kind == Kind.CHOICE and f.choices is None:
        return str(dict(Application._meta.get_field(f.name).flatchoices).get(value, value))
    if kind == Kind.DATE:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if kind == Kind.DATETIME:
        return _when(value)
    if kind == Kind.ORGANISATION:
        return _organisation(value)
    return str(value)


def sections_of(application: Application) -> list[dict]:
    """The record page's sections: each field's label (with its year and unit) and its value as text."""
    out = []
    for s in spec.SECTIONS:
        rows = []
        for f in s.fields:
            value = getattr(application, f.name)
            if f.kind == Kind.ORGANISATIONS:
                value = value.all()
            # an organisation's credit code is an identifier, not words: the page shows name and code apart to mark
            # the code translate="no" (an issued document prints `text`)
            code = getattr(value, "credit_code", "") if f.kind == Kind.ORGANISATION and value else ""
            rows.append(
                {
                    "name": f.name,
                    "label": f.label_for(application.year),
                    "text": display(f, value),
                    "code": code,
                    "unit": value.name if code else "",
                    "long": f.kind == Kind.LONG_TEXT,
                }
            )
        out.append({"key": s.key, "title": s.title, "rows": rows})
    return out
