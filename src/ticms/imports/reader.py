"""Reading an uploaded XLSX for an import: refuse by size and by content before openpyxl sees it, then read the
data sheet in read-only mode (flat memory) row by row, checking the header, merged cells and formulas.

File-level refusals raise ServiceError (the file is unusable as a whole); cell problems go into `Problems`."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings

from ticms.crypto.sm3 import new as sm3_new
from ticms.documents.uploads import check_office_package, human_size
from ticms.errors import ServiceError

from .spec import ImportSpec, Invalid, Problems, Row

# A register's import is hundreds of rows; these bound a mistaken or hostile file (settings may change them).
# Each row is a service call with its audit event: about 30 ms on the loaded 2-core test machine, so 2,000 rows
# keep a dry run or an apply near a minute.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
OLE = b"\xd0\xcf\x11\xe0"
MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", MAX_BYTES)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", MAX_ROWS)


@dataclass
class Workbook:
    name: str
    sm3: str
    size: int
    book: object


def _refuse(error: str, detail: str, status: int = 422) -> ServiceError:
    return ServiceError(error, detail, status=status, field="file")


def open_upload(upload) -> Workbook:
    """The uploaded file as a read-only workbook, or a refusal a user can act on."""
    name = os.path.basename(getattr(upload, "name", "") or "") or "上传的文件"
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise _refuse(
            "file_too_large",
            f"文件“{name}”大小为 {human_size(size)}，超过导入上限 "
            f"{human_size(max_bytes())}。请分成几个文件导入（每个不超过 {max_rows()} 行）。",
            413,
        )
    if size == 0:
        raise _refuse("file_empty", f"文件“{name}”是空文件。")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(OLE):
        raise _refuse(
            "not_xlsx",
            f"文件“{name}”是旧版 Excel 97-2003（.xls）或其他非 XLSX 格式的文件。请在 Excel "
            "或 WPS 中打开，“另存为”Excel 工作簿（.xlsx）后再上传。",
        )
    if not head.startswith(b"PK\x03\x04"):
        raise _refuse(
            "not_xlsx",
            f"文件“{name}”不是 Excel 工作簿（.xlsx），看起来是文本、CSV 或其他格式的文件。"
            "请下载导入模板，在 Excel 或 WPS 中填写后保存为 .xlsx 再上传。",
        )
    check_office_package(upload, name, "xlsx")
    sm3, total = sm3_new(), 0
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        total += len(chunk)
        if total > max_bytes():
            raise _refuse("file_too_large", f"文件“{name}”超过导入上限 {human_size(max_bytes())}。", 413)
        sm3.update(chunk)
    upload.seek(0)
    try:
        # openpyxl only when a file is read: at startup it makes every web worker ~10 MB bigger (issue 15).
        from openpyxl import load_workbook

        book = load_workbook(upload, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError):
        raise _refuse("not_xlsx", f"文件“{name}”无法作为 Excel 工作簿读取，请用模板重新填写后保存为 .xlsx。") from None
    return Workbook(name, sm3.hexdigest(), total, book)


def _sheet(book, spec: ImportSpec):
    if spec.sheet_title in book.sheetnames:
        return book[spec.sheet_title]
    return book.worksheets[0]


def _merged_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range: read-only sheets do not load them, so the
    sheet's XML is scanned for <mergeCell ref=…> (the reader already bounded its size)."""
    from openpyxl.utils import range_boundaries  # with load_workbook, only when a file is read

    found, tail = [], b""
    with sheet._get_source() as source:
        while chunk := source.read(1 << 20):
            data = tail + chunk
            for match in MERGE.finditer(data):
                found.append(range_boundaries(match.group(1).decode()))
            tail = data[-200:]
    return sorted(set(found), key=lambda r: (r[1], r[0]))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_rows(workbook: Workbook, spec: ImportSpec, problems: Problems) -> list[Row]:
    """The data rows, parsed; every problem of header and cells is added to `problems`."""
    sheet = _sheet(workbook.book, spec)
    width = len(spec.columns)
    declared = sheet.max_row or 0
    if declared > max_rows() + 1 + 1000:
        # The sheet's own dimension says it is far too large: refuse before reading a row.
        raise _refuse(
            "too_many_rows",
            f"工作表“{sheet.title}”约有 {declared - 1} 行，超过单次导入上限 {max_rows()} 行。请分成几个文件导入。",
            413,
        )
    merged = _merged_ranges(sheet)
    for min_col, min_row, _max_col, max_row in merged:
        if min_col <= width:
            header = spec.columns[min_col - 1].header
            rows = f"第{min_row}行" if min_row == max_row else f"第{min_row}至{max_row}行"
            problems.add(None, "", f"{rows}「{header}」起有合并单元格，请取消合并并在每一行填写完整的值。")
    if merged:
        return []
    rows: list[Row] = []
    iterator = sheet.iter_rows(min_row=1, max_col=width + 20)
    header_cells = next(iterator, ())
    found = [("" if c.value is None else str(c.value).strip()) for c in header_cells]
    while found and not found[-1]:
        found.pop()
    if found != spec.headers:
        problems.add(1, "", _header_message(spec.headers, found))
        return []
    count = 0
    for number, cells in enumerate(iterator, start=2):
        cells = list(cells)
        if all(_blank(c.value) for c in cells):
            continue
        count += 1
        if count > max_rows():
            raise _refuse("too_many_rows", f"数据超过单次导入上限 {max_rows()} 行，请分成几个文件导入。", 413)
        extra = [c for c in cells[width:] if not _blank(c.value)]
        if extra:
            problems.add(number, "", "在模板的列之外还填写了内容，请只在模板的各列中填写。")
        values = {}
        for column, cell in zip(spec.columns, cells[:width] + [None] * (width - len(cells)), strict=True):
            value = None if cell is None else cell.value
            if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.startswith("=")):
                problems.add(number, column.header, "是公式，请复制后“选择性粘贴为数值”。")
                continue
            if _blank(value):
                if column.required:
                    problems.add(number, column.header, "未填写（必填）。")
                values[column.key] = None
                continue
            if isinstance(value, str):
                value = value.strip()
            try:
                values[column.key] = column.parse(value)
            except Invalid as exc:
                problems.add(number, column.header, exc.message)
                values[column.key] = None
        rows.append(Row(number, values))
    if not rows and not problems:
        problems.add(None, "", "模板中没有填写任何数据行（第1行是表头，请从第2行起填写）。")
    return rows


def _header_message(expected: list[str], found: list[str]) -> str:
    if not found:
        return f"第1行应为表头（{'、'.join(expected)}），实为空行。请使用本页下载的导入模板。"
    for index, want in enumerate(expected):
        got = found[index] if index < len(found) else ""
        if got != want:
            letter = chr(ord("A") + index) if index < 26 else str(index + 1)
            return (
                f"表头与导入模板不符：第{letter}列应为「{want}」，实为「{got or '空'}」。"
                "请使用本页下载的导入模板，不要增删或改名表头。"
            )
    extra = "」「".join(found[len(expected) :])
    return f"表头与导入模板不符：模板之外还有列「{extra}」。请使用本页下载的导入模板。"
