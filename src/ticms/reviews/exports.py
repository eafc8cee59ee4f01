"""The expert pool and the panels as spreadsheets, each declared once for its page and its API (headers from the
models)."""

from ticms.exports import Col, ExportList

# No phone, e-mail or ID number: personal data stay on the record pages, where each read is audited.
EXPERTS_EXPORT = ExportList(
    name="experts", title="专家库",
    columns=("pk", "name", "title", "organisation__name", "organisation_text", Col("fields", width=30), "active",
             Col("created_at", "入库时间")),
    filter_labels=(("field", "领域"), ("active", "在库可抽取")),
)

PANELS_EXPORT = ExportList(
    name="panels", title="专家组",
    columns=("pk", "purpose", "subject_title", "field", "size", "draw_number", "drawn_at", "site_visit_at",
             "defence_at"),
)
