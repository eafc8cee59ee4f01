"""The applications list as a spreadsheet: its columns, declared once for the /applications/ page and the API."""

from ticms.exports import ExportList

APPLICATIONS_EXPORT = ExportList(
    name="applications",
    title="申请书列表",
    columns=(
        ("编号", 8, "int", "pk"),
        ("申报年度", 10, "int", "year"),
        ("申报类型", 12, "text", "track"),
        ("拟建中心名称", 36, "text", "name"),
        ("类别", 12, "text", "category"),
        ("领域", 20, "text", "field"),
        ("牵头单位", 32, "text", "lead_unit__name"),
        ("依托单位", 32, "text", "host_unit__name"),
        ("所属县区", 12, "text", "lead_unit__competent_unit__name"),
        ("状态", 14, "text", "state"),
        ("科研仪器设备原值（万元）", 14, "money", "equipment_value"),
        ("研发投入（上一年，万元）", 14, "money", "rd_investment_y3"),
        ("提交时间", 18, "datetime", "submitted_at"),
        ("最后更新", 18, "datetime", "updated_at"),
        ("申报编号", 16, "text", "number"),
    ),
    filter_labels=(("state", "状态"), ("call_id", "建设通知编号"), ("q", "关键词"), ("year", "申报年度"),
                   ("county", "县（市、区）编号"), ("field", "领域"), ("category", "类别"), ("track", "申报类型"),
                   ("sort", "排序")),
)
