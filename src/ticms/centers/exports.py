"""The registry lists as spreadsheets, each declared once for its page and its API (headers from the models)."""

from ticms.exports import Col, ExportList

# A record of a center is listed by the center (and mostly its host unit).
CENTER = Col("center__official_name", "中心")
HOST_UNIT = "center__host_unit__name"
SUBMITTED, RECORDED = Col("submitted_at", "提交时间"), Col("recorded_at", "记录时间")
# Public columns only, as the directory page shows them (no person named); the managed list starts with them.
DIRECTORY_COLUMNS = ("official_name", "category", "field", "host_unit__name", "lead_unit__name",
                     Col("host_unit__competent_unit__name", "所属县区"), "status", "recognized_on")

CENTERS_EXPORT = ExportList(
    name="centers", title="中心名录（管理）",
    columns=("pk", *DIRECTORY_COLUMNS, "legal_form", "director", "fixed_staff", "equipment_value"),
    filter_labels=(("status", "状态"),),
)

DIRECTORY_EXPORT = ExportList(
    name="centers.directory", title="市创中心名录",
    columns=DIRECTORY_COLUMNS,
    filter_labels=(("field", "领域"), ("category", "类别"), ("county", "县区编号"), ("status", "状态")),
)

CHANGES_EXPORT = ExportList(
    name="change_requests", title="变更申请",
    columns=("pk", CENTER, HOST_UNIT, "kind", "matter", "new_name", "new_unit__name", "state", SUBMITTED,
             Col("decided_at", "决定时间")),
    filter_labels=(("state", "状态"), ("center_id", "中心编号")),
)

FILINGS_EXPORT = ExportList(
    name="filings", title="备案",
    columns=("pk", CENTER, HOST_UNIT, "kind", Col("person_name", "姓名"), "person_title", "appointed_on", "state",
             SUBMITTED),
    filter_labels=(("state", "状态"), ("center_id", "中心编号")),
)

SUPPORTS_EXPORT = ExportList(
    name="supports", title="支持记录",
    columns=("pk", CENTER, "kind", "title", "year", "amount", "article", RECORDED),
    filter_labels=(("center_id", "中心编号"),),
)

OUTPUTS_EXPORT = ExportList(
    name="outputs", title="中心成果",
    columns=("pk", CENTER, HOST_UNIT, "kind", "title", "year", Col("reference", "编号（专利号、标准号等）"), "income",
             RECORDED),
    filter_labels=(("q", "关键词"), ("county", "县区编号"), ("field", "领域"), ("kind", "类型"), ("year", "年度")),
)
