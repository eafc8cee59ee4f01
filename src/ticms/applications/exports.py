"""The applications list as a spreadsheet: its columns, declared once for the /applications/ page and the API.

The record's own columns (number, year, track, county, state, times) are listed here; the application's fields
come from fields.py, each spec field with `exported` in its section order."""

from ticms.exports import ExportList

from . import fields as spec
from .fields import Kind

_KINDS = {Kind.MONEY: "money", Kind.COUNT: "int", Kind.DATE: "date", Kind.DATETIME: "datetime"}
_WIDTHS = {
    Kind.TEXT: 20,
    Kind.CHOICE: 14,
    Kind.ORGANISATION: 32,
    Kind.ORGANISATIONS: 40,
    Kind.MONEY: 14,
    Kind.DATETIME: 18,
}


def _path(f: spec.Field) -> str:
    return f"{f.name}__name" if f.kind in (Kind.ORGANISATION, Kind.ORGANISATIONS) else f.name


def spec_columns() -> tuple[tuple[str, int, str, str], ...]:
    return tuple((f.full_label, _WIDTHS.get(f.kind, 12), _KINDS.get(f.kind, "text"), _path(f)) for f in spec.exported())


APPLICATIONS_EXPORT = ExportList(
    name="applications",
    title="申请书列表",
    columns=(
        ("编号", 8, "int", "pk"),
        ("申报年度", 10, "int", "year"),
        ("申报类型", 12, "text", "track"),
        *spec_columns(),
        ("所属县区", 12, "text", "lead_unit__competent_unit__name"),
        ("状态", 14, "text", "state"),
        ("提交时间", 18, "datetime", "submitted_at"),
        ("最后更新", 18, "datetime", "updated_at"),
    ),
    filter_labels=(("state", "状态"), ("call_id", "建设通知编号")),
)
