"""The evaluation rounds and the evaluations of a round as spreadsheets, each declared once for page and API
(headers from the models)."""

from ticms.exports import ExportList

ROUNDS_EXPORT = ExportList(
    name="evaluation_rounds", title="评估批次",
    columns=("pk", "year", "title", "materials_deadline", "indicator_version", "state", "opened_at"),
)

EVALUATIONS_EXPORT = ExportList(
    name="evaluations", title="评估对象",
    columns=("pk", "center__official_name", "center__host_unit__name", "due_on", "period_start",
             "period_end", "state", "submitted_at", "total_score", "grade", "outcome", "priority_support"),
)

RECTIFICATIONS_EXPORT = ExportList(
    name="rectifications", title="整改",
    columns=("pk", "evaluation__center__official_name", "evaluation__center__host_unit__name", "deadline", "state",
             "report_submitted_at", "overdue_flagged_on"),
)
