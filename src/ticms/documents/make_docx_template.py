"""Writes templates/documents/docx/official.docx, the docxtpl template every kind uses unless a file named after
the kind (e.g. recognition.docx) sits beside it.

The committed .docx is the source of truth: edit it in Word/WPS (keep the {{ }} and {%p %} tags) or copy it to
<kind>.docx and change that one. This script only recreates the original layout:
    /work/main/.venv/bin/python -m ticms.documents.make_docx_template
Layout (GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body 3号 (16 pt) 仿宋_GB2312
on a fixed 28.95 pt line (22 lines a page); title 2号 (22 pt) 小标宋; red 发文机关标志 and separator line;
版记 with 抄送 and 印发机关/印发日期 between rules.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).parent / "templates" / "documents" / "docx" / "official.docx"
BODY, TITLE, HEADING = "仿宋_GB2312", "方正小标宋简体", "黑体"
RED = RGBColor(0xE0, 0x00, 0x00)


def _font(run, name: str, size: float, bold=False, color=None):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def _para(doc, text="", *, font=BODY, size=16, align=None, indent=False, bold=False, color=None, right_chars=0):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(32)
    if right_chars:
        fmt.right_indent = Pt(16 * right_chars)
    if align is not None:
        p.alignment = align
    if text:
        _font(p.add_run(text), font, size, bold, color)
    return p


def _rule(p, edge: str, color: str = "000000", size: int = 8):
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for k, v in {"w:val": "single", "w:sz": str(size), "w:space": "1", "w:color": color}.items():
        line.set(qn(k), v)
    borders.append(line)
    p._p.get_or_add_pPr().append(borders)


def build(path: Path = OUT) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    C, R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, "{%p if masthead %}")
    _para(doc, "{{ masthead }}", font=TITLE, size=36, align=C, color=RED)
    _para(doc)
    _para(doc, "{{ number }}", align=C)
    _rule(_para(doc), "bottom", "E00000", 12)
    _para(doc, "{%p endif %}")
    _para(doc)
    _para(doc, "{{ title }}", font=TITLE, size=22, align=C, bold=True)
    _para(doc, "{%p if not masthead and number %}")
    _para(doc, "{{ number }}", align=C)
    _para(doc, "{%p endif %}")
    _para(doc)
    _para(doc, "{%p if recipients %}")
    _para(doc, "{{ recipients }}：")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for p in paragraphs %}")
    _para(doc, "{{ p }}", indent=True)
    _para(doc, "{%p endfor %}")
    # The table is put in place of this marker paragraph after rendering (its columns vary by kind).
    _para(doc, "{%p if table_marker %}")
    _para(doc, "{{ table_marker }}")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for p in closing %}")
    _para(doc, "{{ p }}", indent=True)
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p for a in attachments %}")
    _para(doc, "附件：{{ a }}", indent=True)
    _para(doc, "{%p endfor %}")
    _para(doc)
    _para(doc, "{%p if is_form %}")
    _para(doc, "{%p for line in sign_lines %}")
    _para(doc, "{{ line }}", indent=True)
    _para(doc)
    _para(doc, "{%p endfor %}")
    _para(doc, "{{ signed_on }}", align=R, right_chars=4)
    _para(doc, "{%p else %}")
    _para(doc)
    _para(doc, "{{ signer }}", align=R, right_chars=4)
    _para(doc, "{{ signed_on }}", align=R, right_chars=4)
    _para(doc, "{%p endif %}")
    _para(doc)
    _para(doc, "{%p if cc %}")
    cc = _para(doc, "抄送：{{ cc }}。", size=14)
    _rule(cc, "top")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if printed_by %}")
    printed = _para(doc, "{{ printed_by }}                    {{ printed_on }}", size=14)
    _rule(printed, "top")
    _rule(printed, "bottom")
    _para(doc, "{%p endif %}")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
