"""The expert pool and the panels as spreadsheets, each declared once for its page and its API."""

from ticms.exports import ExportList

# No phone, e-mail or ID number: personal data stay on the record pages, where each read is audited.
EXPERTS_EXPORT = ExportList(
    name="experts",
    title="专家库",
    columns=(
        ("编号", 8, "int", "pk"),
        ("姓名", 10, "text", "name"),
        ("职称", 16, "text", "title"),
        ("工作单位", 32, "text", "organisation__name"),
        ("工作单位（市外）", 28, "text", "organisation_text"),
        ("擅长领域", 30, "text", "fields"),
        ("在库可抽取", 10, "text", "active"),
        ("入库时间", 18, "datetime", "created_at"),
    ),
    filter_labels=(("field", "领域"), ("active", "在库可抽取")),
)

PANELS_EXPORT = ExportList(
    name="panels",
    title="专家组",
    columns=(
        ("编号", 8, "int", "pk"),
        ("用途", 14, "text", "purpose"),
        ("评审对象", 40, "text", "subject_title"),
        ("领域", 16, "text", "field"),
        ("专家人数", 10, "int", "size"),
        ("第几次抽取", 10, "int", "draw_number"),
        ("抽取时间", 18, "datetime", "drawn_at"),
        ("实地考察时间", 18, "datetime", "site_visit_at"),
        ("现场答辩时间", 18, "datetime", "defence_at"),
    ),
)
