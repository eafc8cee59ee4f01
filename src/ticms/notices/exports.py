"""The notices and objections lists as spreadsheets, each declared once for its page and its API."""

from ticms.exports import ExportList

NOTICES_EXPORT = ExportList(
    name="notices",
    title="公示列表",
    columns=(
        ("编号", 8, "int", "pk"),
        ("标题", 48, "text", "title"),
        ("公示开始日期", 14, "date", "starts_on"),
        ("公示截止日期", 14, "date", "ends_on"),
        ("状态", 10, "text", "state"),
        ("发布时间", 18, "datetime", "published_at"),
        ("异议受理电话", 18, "text", "contact_phone"),
    ),
)

# No phone or e-mail of the objector: those are personal data read one by one, each read audited.
OBJECTIONS_EXPORT = ExportList(
    name="objections",
    title="异议列表",
    columns=(
        ("编号", 8, "int", "pk"),
        ("受理编号", 16, "text", "reference"),
        ("公示", 36, "text", "item__notice__title"),
        ("异议对象", 32, "text", "item__center_name"),
        ("姓名", 10, "text", "name"),
        ("工作单位", 28, "text", "organisation"),
        ("提交时间", 18, "datetime", "submitted_at"),
        ("处理状态", 12, "text", "state"),
        ("处理时间", 18, "datetime", "handled_at"),
    ),
    filter_labels=(("state", "处理状态"),),
)
