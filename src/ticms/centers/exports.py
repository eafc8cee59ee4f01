"""The registry lists as spreadsheets, each declared once for its page and its API."""

from ticms.exports import ExportList

CENTERS_EXPORT = ExportList(
    name="centers",
    title="中心名录（管理）",
    columns=(
        ("编号", 8, "int", "pk"),
        ("正式名称", 40, "text", "official_name"),
        ("类别", 12, "text", "category"),
        ("领域", 16, "text", "field"),
        ("依托单位", 32, "text", "host_unit__name"),
        ("牵头单位", 32, "text", "lead_unit__name"),
        ("所属县区", 12, "text", "host_unit__competent_unit__name"),
        ("状态", 10, "text", "status"),
        ("认定日期", 12, "date", "recognized_on"),
        ("法人形态", 14, "text", "legal_form"),
        ("中心主任", 12, "text", "director"),
        ("固定人员（人）", 10, "int", "fixed_staff"),
        ("科研仪器设备原值（万元）", 14, "money", "equipment_value"),
    ),
    filter_labels=(("status", "状态"),),
)

# Public columns only, as the directory page shows them (no person named).
DIRECTORY_EXPORT = ExportList(
    name="centers.directory",
    title="市创中心名录",
    columns=(
        ("正式名称", 40, "text", "official_name"),
        ("类别", 12, "text", "category"),
        ("领域", 16, "text", "field"),
        ("依托单位", 32, "text", "host_unit__name"),
        ("牵头单位", 32, "text", "lead_unit__name"),
        ("所属县区", 12, "text", "host_unit__competent_unit__name"),
        ("状态", 10, "text", "status"),
        ("认定日期", 12, "date", "recognized_on"),
    ),
    filter_labels=(("field", "领域"), ("category", "类别"), ("county", "县区编号"), ("status", "状态")),
)
