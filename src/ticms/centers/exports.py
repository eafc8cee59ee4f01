"""The registry lists as spreadsheets, each declared once for its page and its API."""

from ticms.exports import ExportList

ID = ("编号", 8, "int", "pk")
# A record of a center is listed by the center (and mostly its host unit).
CENTER = ("中心", 40, "text", "center__official_name")
HOST_UNIT = ("依托单位", 32, "text", "center__host_unit__name")
# Public columns only, as the directory page shows them (no person named); the managed list starts with them.
DIRECTORY_COLUMNS = (
    ("正式名称", 40, "text", "official_name"),
    ("类别", 12, "text", "category"),
    ("领域", 16, "text", "field"),
    ("依托单位", 32, "text", "host_unit__name"),
    ("牵头单位", 32, "text", "lead_unit__name"),
    ("所属县区", 12, "text", "host_unit__competent_unit__name"),
    ("状态", 10, "text", "status"),
    ("认定日期", 12, "date", "recognized_on"),
)

CENTERS_EXPORT = ExportList(
    name="centers",
    title="中心名录（管理）",
    columns=(
        ID,
        *DIRECTORY_COLUMNS,
        ("法人形态", 14, "text", "legal_form"),
        ("中心主任", 12, "text", "director"),
        ("固定人员（人）", 10, "int", "fixed_staff"),
        ("科研仪器设备原值（万元）", 14, "money", "equipment_value"),
    ),
    filter_labels=(("status", "状态"),),
)

DIRECTORY_EXPORT = ExportList(
    name="centers.directory",
    title="市创中心名录",
    columns=DIRECTORY_COLUMNS,
    filter_labels=(("field", "领域"), ("category", "类别"), ("county", "县区编号"), ("status", "状态")),
)

CHANGES_EXPORT = ExportList(
    name="change_requests",
    title="变更申请",
    columns=(
        ID,
        CENTER,
        HOST_UNIT,
        ("变更类型", 14, "text", "kind"),
        ("变更事项", 14, "text", "matter"),
        ("新名称", 32, "text", "new_name"),
        ("新依托单位 / 牵头单位", 32, "text", "new_unit__name"),
        ("状态", 10, "text", "state"),
        ("提交时间", 18, "datetime", "submitted_at"),
        ("决定时间", 18, "datetime", "decided_at"),
    ),
    filter_labels=(("state", "状态"), ("center_id", "中心编号")),
)

FILINGS_EXPORT = ExportList(
    name="filings",
    title="备案",
    columns=(
        ID,
        CENTER,
        HOST_UNIT,
        ("备案事项", 16, "text", "kind"),
        ("姓名", 12, "text", "person_name"),
        ("职称", 16, "text", "person_title"),
        ("任命 / 聘任日期", 14, "date", "appointed_on"),
        ("状态", 10, "text", "state"),
        ("提交时间", 18, "datetime", "submitted_at"),
    ),
    filter_labels=(("state", "状态"), ("center_id", "中心编号")),
)

SUPPORTS_EXPORT = ExportList(
    name="supports",
    title="支持记录",
    columns=(
        ID,
        CENTER,
        ("类型", 16, "text", "kind"),
        ("名称", 40, "text", "title"),
        ("年度", 8, "int", "year"),
        ("金额（万元）", 14, "money", "amount"),
        ("依据条款", 12, "text", "article"),
        ("记录时间", 18, "datetime", "recorded_at"),
    ),
    filter_labels=(("center_id", "中心编号"),),
)

OUTPUTS_EXPORT = ExportList(
    name="outputs",
    title="中心成果",
    columns=(
        ID,
        CENTER,
        HOST_UNIT,
        ("类型", 16, "text", "kind"),
        ("名称", 40, "text", "title"),
        ("年度", 8, "int", "year"),
        ("编号（专利号、标准号等）", 24, "text", "reference"),
        ("转化收入（万元）", 14, "money", "income"),
        ("记录时间", 18, "datetime", "recorded_at"),
    ),
    filter_labels=(("q", "关键词"), ("county", "县区编号"), ("field", "领域"), ("kind", "类型"), ("year", "年度")),
)
