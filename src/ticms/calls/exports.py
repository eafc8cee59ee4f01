"""The calls list as a spreadsheet."""

from ticms.exports import ExportList

CALLS_EXPORT = ExportList(
    name="calls",
    title="建设通知",
    columns=(
        ("编号", 8, "int", "pk"),
        ("标题", 40, "text", "title"),
        ("年度", 8, "int", "year"),
        ("开始申报日期", 14, "date", "opens"),
        ("截止申报日期", 14, "date", "closes"),
    ),
    filter_labels=(("q", "关键词"), ("year", "年度"), ("status", "状态")),
)
