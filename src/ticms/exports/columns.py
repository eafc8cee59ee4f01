"""A list's columns, each named by its field path and described by its model field, so a label lives in one place.

`"recognized_on"` is a column headed by the field's verbose_name (认定日期), of the kind its class says (a date);
`"host_unit__name"` is headed by the relation's name (依托单位) or, unnamed, its model's (公示). Money fields are
stored in yuan and named so ("金额（元）"); the sheet writes 万元 and says so in the header. `Col` gives a
header, width or kind where the list wants another (an annotation of its queryset, a shorter header). Widths
follow the kind and what the field may hold; a column is never narrower than its header."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models

Column = tuple[str, int, str]

_WIDTHS = {"int": 8, "date": 12, "datetime": 18, "money": 14, "text": 10}
_CODE_WIDTH, _MAX_CHOICE_WIDTH, _MAX_WIDTH = 16, 20, 40


@dataclass(frozen=True)
class Col:
    """A column of the field at `path`, with the header, width or kind its field would not give."""

    path: str
    header: str | None = None
    width: int | None = None
    kind: str | None = None


def _field(model, path: str) -> tuple[models.Field | None, models.Field | None]:
    """The field at `path` and the last relation on the way to it ("host_unit" for "host_unit__name")."""
    field = relation = None
    for part in path.split("__"):
        if field is not None and field.is_relation:
            relation = field
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # an annotation of the list's queryset
            return None, None
        model = field.related_model or model
    return field, relation


def _name(field: models.Field) -> str:
    """The field's verbose_name; for a relation left unnamed (Django's default is its English name), its model's."""
    name = str(field.verbose_name)
    return str(field.related_model._meta.verbose_name) if field.is_relation and name.isascii() else name


def _kind(field: models.Field | None) -> str:
    if isinstance(field, models.DateTimeField):
        return "datetime"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.IntegerField):
        return "int"
    if isinstance(field, models.DecimalField) and "（元）" in str(field.verbose_name):
        return "money"
    return "text"


def _display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _text_width(field: models.Field | None) -> int:
    """Room for the longest choice label; else for a short code in full (文号, 受理编号), and for a quarter of a
    long text (a name of 200 characters is seldom over 20 Chinese ones)."""
    if field is not None and field.choices:
        return min(max(_display_width(str(label)) for _, label in field.flatchoices) + 2, _MAX_CHOICE_WIDTH)
    length = getattr(field, "max_length", None) or 0
    return min(max(length // 4, min(length, _CODE_WIDTH)), _MAX_WIDTH)


def _column(model, spec: str | Col) -> tuple[str, int, str, str]:
    col = Col(spec) if isinstance(spec, str) else spec
    if col.path == "pk":
        field, relation = model._meta.pk, None
        header = col.header or "编号"
    else:
        field, relation = _field(model, col.path)
        header = col.header or (_name(relation or field) if field else "")
    kind = col.kind or _kind(field)
    if kind == "money":
        header = header.replace("（元）", "（万元）")
    if not header or header.isascii():
        raise ImproperlyConfigured(f"{model.__name__}.{col.path}: no Chinese name to head the column; give it one")
    width = col.width or max(_WIDTHS[kind], _text_width(field) if kind == "text" else 0, _display_width(header) + 2)
    return header, width, kind, col.path


@functools.cache
def columns_of(model, specs: tuple[str | Col, ...]) -> tuple[tuple[str, int, str, str], ...]:
    """(header, width, kind, field path) of each column of a list of `model`."""
    return tuple(_column(model, spec) for spec in specs)
