"""Money, one way everywhere: stored as Decimal yuan (元), typed and shown in 万元 (DESIGN §3).

The bound is one trillion yuan: anything above it is a typing error (usually 元 typed into a 万元 box), not a
fact, and every form, service and database constraint uses this one number.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms

WAN = Decimal(10000)
CENT = Decimal("0.01")
MAX_YUAN = Decimal(10) ** 12
MAX_WAN = MAX_YUAN / WAN


def to_yuan(wan) -> Decimal | None:
    """万元 as typed → yuan, to the fen."""
    if wan is None or wan == "":
        return None
    return (Decimal(str(wan)) * WAN).quantize(CENT, rounding=ROUND_HALF_UP)


def to_wan(yuan, *, exact: bool = False) -> Decimal | None:
    """Yuan → 万元: two decimals for display, or `exact` (no rounding, trailing zeros dropped) for a form."""
    if yuan is None or yuan == "":
        return None
    wan = Decimal(str(yuan)) / WAN
    return wan.normalize() if exact else wan.quantize(CENT, rounding=ROUND_HALF_UP)


def wan_text(yuan) -> str:
    """Yuan → "123.45" (万元, two decimals); "" for nothing, the input itself when it is not a number."""
    try:
        wan = to_wan(yuan)
    except (InvalidOperation, ValueError):
        return str(yuan)
    return "" if wan is None else f"{wan:f}"


def wan_field(label: str, *, required: bool = False) -> forms.DecimalField:
    """A 万元 input: not negative, within the bound, to the fen (six decimals of 万元)."""
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_value=MAX_WAN, max_digits=14, decimal_places=6,
        error_messages={"min_value": "不能为负数。", "max_value": "数值过大（上限1亿万元），请核对单位（万元）。",
                        "invalid": "请输入数字（单位：万元）。",
                        "max_decimal_places": "最多保留6位小数（即精确到分）。",
                        "max_digits": "数值过大，请核对单位（万元）。", "required": "请填写金额（万元）。"},
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )
