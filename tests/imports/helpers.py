"""Workbooks as a user would fill them in Excel, and the upload/apply round trip of the import pages."""

from __future__ import annotations

import html as htmllib
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from ticms.imports import template
from ticms.imports.kinds import spec_for


def workbook_bytes(
    kind: str,
    rows: list[list],
    *,
    headers: list[str] | None = None,
    merge: str = "",
    formats: dict[str, str] | None = None,
) -> bytes:
    spec = spec_for(kind)
    book = Workbook()
    sheet = book.active
    sheet.title = spec.sheet_title
    sheet.append(headers if headers is not None else spec.headers)
    for row in rows:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(kind: str, rows: list[list], name: str = "导入.xlsx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes(kind, rows, **kwargs), content_type="application/octet-stream")


def template_rows(kind: str) -> tuple[list[str], list]:
    book = load_workbook(io.BytesIO(template.build(spec_for(kind))))
    sheet = book.worksheets[0]
    header, example = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
    return list(header), list(example)


def dry_run_page(client, kind: str, file):
    return client.post(f"/imports/{kind}/", {"file": file})


def errors_on_page(response) -> list[str]:
    """The problems as the user reads them in the report table (the third cell of each row)."""
    html = response.content.decode()
    table = html.split('id="import-errors"', 1)[1].split("</table>", 1)[0] if 'id="import-errors"' in html else ""
    cells = re.findall(r"<tr><td>.*?</td><td>.*?</td><td>(.*?)</td>", table, re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]


def page_error(response) -> str:
    html = response.content.decode()
    match = re.search(r'id="import-error">(.*?)</div>', html, re.S)
    return htmllib.unescape(match.group(1).strip()) if match else ""


def token_of(response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else ""
