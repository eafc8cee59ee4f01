"""The evaluation rounds and the evaluations of a round as spreadsheets, each declared once for page and API."""

from ticms.exports import ExportList

ROUNDS_EXPORT = ExportList(
    name="evaluation_rounds",
    title="评估批次",
    columns=(
        ("编号", 8, "int", "pk"),
        ("评估年度", 10, "int", "year"),
        ("批次名称", 40, "text", "title"),
        ("材料提交截止日期", 16, "date", "materials_deadline"),
        ("指标体系版本", 14, "text", "indicator_version"),
        ("状态", 10, "text", "state"),
        ("开评时间", 18, "datetime", "opened_at"),
    ),
)

EVALUATIONS_EXPORT = ExportList(
    name="evaluations",
    title="评估对象",
    columns=(
        ("编号", 8, "int", "pk"),
        ("技术创新中心", 40, "text", "center__official_name"),
        ("依托单位", 32, "text", "center__host_unit__name"),
        ("到期日", 12, "date", "due_on"),
        ("评估期起", 12, "date", "period_start"),
        ("评估期止", 12, "date", "period_end"),
        ("状态", 12, "text", "state"),
        ("提交时间", 18, "datetime", "submitted_at"),
        ("总分", 8, "text", "total_score"),
        ("评定等级", 10, "text", "grade"),
        ("评估结论", 10, "text", "outcome"),
        ("重点支持", 10, "text", "priority_support"),
    ),
)
