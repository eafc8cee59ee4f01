"""发文登记 as a spreadsheet, declared once for the /documents/ page and the API."""

from django.db.models import Case, CharField, F, QuerySet, Value, When

from ticms.exports import ExportList

from .kinds import KINDS

DOCUMENTS_EXPORT = ExportList(
    name="documents",
    title="发文登记",
    columns=(
        ("编号", 8, "int", "pk"),
        ("文号", 20, "text", "number"),
        ("文种", 14, "text", "kind_label"),
        ("标题", 48, "text", "title"),
        ("所涉记录", 36, "text", "record_title"),
        ("版本", 6, "int", "version"),
        ("成文日期", 12, "date", "issued_on"),
        ("发文时间", 18, "datetime", "issued_at"),
        ("公开", 6, "text", "public"),
    ),
    filter_labels=(("year", "年度"), ("kind", "文种"), ("record_id", "记录编号")),
)


def with_kind_label(qs: QuerySet) -> QuerySet:
    """The kind's Chinese name (认定通知) beside its code, for the sheet."""
    return qs.annotate(kind_label=Case(*[When(kind=code, then=Value(k.label)) for code, k in KINDS.items()],
                                       default=F("kind"), output_field=CharField()))
