"""The one renderer pair: DOCX from a docxtpl template, PDF from one HTML template with print CSS (WeasyPrint).

Both read the same `Content`, so the two files of a document say the same thing.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.template.loader import render_to_string
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docxtpl import DocxTemplate

from .content import Content
from .fonts import chosen

DOCX_DIR = Path(__file__).parent / "templates" / "documents" / "docx"
DRAFT_MARK = "样稿（未编号，非正式文件）"


def docx_template(kind: str) -> Path:
    own = DOCX_DIR / f"{kind}.docx"
    return own if own.exists() else DOCX_DIR / "official.docx"


TABLE_MARKER = "〖表格〗"


def _put_table(doc, table, font: str) -> None:
    """Replace the marker paragraph with the content's table (python-docx; no docxcompose needed)."""
    marker = next((p for p in doc.paragraphs if p.text.strip() == TABLE_MARKER), None)
    if marker is None:  # a replaced template without the marker: the table goes at the end
        marker = doc.add_paragraph()
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        _cell(cell, text, font, bold=True)
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            _cell(cell, text, font)
    marker._p.addnext(grid._tbl)
    marker._p.getparent().remove(marker._p)


def _cell(cell, text: str, font: str, bold: bool = False):
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if bold else None
    run = p.add_run(str(text))
    run.font.size = Pt(12)
    run.font.bold = bold
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def render_docx(kind: str, content: Content, *, draft: bool = False) -> bytes:
    fonts = chosen()
    tpl = DocxTemplate(docx_template(kind))
    context = content.context(fonts)
    has_table = bool(content.table and content.table.rows)
    context["table_marker"] = TABLE_MARKER if has_table else ""
    tpl.render(context, autoescape=True)
    doc = tpl.docx
    if has_table:
        _put_table(doc, content.table, "仿宋_GB2312")
    props = doc.core_properties
    props.title = content.title
    props.subject = content.number or ""
    props.author = content.signer
    props.comments = f"GB/T 9704-2012 版式。本机排版字体：{fonts.describe()}"
    if draft:
        header = doc.sections[0].header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(DRAFT_MARK)
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        run.font.size = Pt(14)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_pdf(content: Content, *, draft: bool = False) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only document pages need

    fonts = chosen()
    context = content.context(fonts)
    context.update(draft=draft, draft_mark=DRAFT_MARK, fonts_note=fonts.describe())
    html = render_to_string("documents/official.html", context)
    return HTML(string=html).write_pdf()
