"""The applications list as a spreadsheet: its columns, declared once for the /applications/ page and the API.

The record's own columns (number, year, track, county, state, times) are named by their model fields; the
application's fields come from fields.py, each spec field with `exported` in its section order."""

from ticms.exports import Col, ExportList

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


def spec_columns() -> tuple[Col, ...]:
    return tuple(Col(_path(f), f.full_label, _WIDTHS.get(f.kind, 12), _KINDS.get(f.kind, "text"))
                 for f in spec.exported())


APPLICATIONS_EXPORT = ExportList(
    name="applications", title="申请书列表",
    columns=("pk", "year", "track", *spec_columns(), Col("lead_unit__competent_unit__name", "所属县区"), "state",
             "submitted_at", Col("updated_at", "最后更新"), "number"),
    filter_labels=(("state", "状态"), ("call_id", "建设通知编号"), ("q", "关键词"), ("year", "申报年度"),
                   ("county", "县（市、区）编号"), ("field", "领域"), ("category", "类别"), ("track", "申报类型"),
                   ("sort", "排序")),
)
