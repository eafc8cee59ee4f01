"""发文登记 as a spreadsheet, declared once for the /documents/ page and the API (headers from the model)."""

from django.db.models import Case, CharField, F, QuerySet, Value, When

from ticms.exports import Col, ExportList

from .kinds import KINDS

DOCUMENTS_EXPORT = ExportList(
    name="documents", title="发文登记",
    columns=("pk", "number", Col("kind_label", "文种"), "title", "record_title", "version", "issued_on", "issued_at",
             "public"),
    filter_labels=(("year", "年度"), ("kind", "文种"), ("record_id", "记录编号")),
)


def with_kind_label(qs: QuerySet) -> QuerySet:
    """The kind's Chinese name (认定通知) beside its code, for the sheet."""
    return qs.annotate(kind_label=Case(*[When(kind=code, then=Value(k.label)) for code, k in KINDS.items()],
                                       default=F("kind"), output_field=CharField()))
