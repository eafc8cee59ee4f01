"""The import template, generated from the spec: the data sheet (bold header, one example row, widths, dates
and numbers formatted as the reader expects) and a 说明 sheet listing each column and the rules."""

from __future__ import annotations

import datetime
import io

from . import parsers, reader
from .spec import ImportSpec

TEXT_CELLS = (parsers.credit_code, parsers.credit_codes, parsers.phone)
TEXT_ROWS = 500


def _example(column):
    value = column.example
    if column.parse is parsers.date and isinstance(value, str) and value:
        return datetime.date.fromisoformat(value)
    return value


def build(spec: ImportSpec) -> bytes:
    # openpyxl only when a template is built: at startup it makes every web worker ~10 MB bigger (issue 15).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = spec.sheet_title
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
        example = sheet.cell(row=2, column=index, value=_example(column))
        if column.parse is parsers.date:
            example.number_format = "yyyy-mm-dd"
        elif column.parse is parsers.wan:
            example.number_format = "0.00"
        elif column.parse in TEXT_CELLS:
            # Text cells from the start, so an 18-character code or a phone number keeps every digit.
            for row in range(2, TEXT_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.header) * 2 + 4)
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    notes.column_dimensions["A"].width = 26
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 70
    notes.append([f"{spec.title}导入模板"])
    notes["A1"].font = Font(bold=True, size=14)
    notes.append([])
    notes.append(["列", "必填", "说明"])
    for cell in notes[3]:
        cell.font, cell.fill = bold, fill
    for column in spec.columns:
        notes.append([column.header, "是" if column.required else "", column.help])
    notes.append([])
    rules = (
        f"在“{spec.sheet_title}”工作表中从第2行起每行填写一条记录；第2行是示例，导入前请删除或改为真实数据。",
        "不要增删、改名或调换表头；不要合并单元格；不要使用公式（请“选择性粘贴为数值”）；日期列请使用日期格式。",
        f"文件须为 .xlsx 格式，不超过 {reader.max_bytes() // 1024 // 1024} MB、{reader.max_rows()} 行。",
        "上传后先“预检”：系统逐行列出问题（第几行、哪一列、什么问题），全部无误后再确认导入；导入要么全部成功，要么一条也不写入。",
        *spec.notes,
    )
    for rule in rules:
        notes.append(["", "", rule])
        notes.cell(row=notes.max_row, column=3).alignment = Alignment(wrap_text=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
