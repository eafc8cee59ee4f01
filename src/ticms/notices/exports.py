"""The notices and objections lists as spreadsheets, each declared once for its page and its API (headers from the
models)."""

from ticms.exports import Col, ExportList

NOTICES_EXPORT = ExportList(
    name="notices", title="公示列表",
    columns=("pk", "title", "starts_on", "ends_on", "state", "published_at", "contact_phone"),
)

# No phone or e-mail of the objector: those are personal data read one by one, each read audited.
OBJECTIONS_EXPORT = ExportList(
    name="objections", title="异议列表",
    columns=("pk", "reference", "item__notice__title", Col("item__center_name", "异议对象"), "name", "organisation",
             "submitted_at", "state", Col("handled_at", "处理时间")),
    filter_labels=(("state", "处理状态"),),
)
