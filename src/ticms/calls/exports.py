"""The calls list as a spreadsheet (headers from the model)."""

from ticms.exports import ExportList

CALLS_EXPORT = ExportList(
    name="calls", title="建设通知",
    columns=("pk", "title", "year", "opens", "closes"),
    filter_labels=(("q", "关键词"), ("year", "年度"), ("status", "状态")),
)
