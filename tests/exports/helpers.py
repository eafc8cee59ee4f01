"""Reading an exported workbook back, as a user's spreadsheet program would."""

from io import BytesIO

from openpyxl import load_workbook

from ticms.exports import XLSX


def workbook(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == XLSX
    return load_workbook(BytesIO(b"".join(response.streaming_content)))


def table(response) -> tuple[list, list[list]]:
    ws = workbook(response).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def column(header: list, rows: list[list], name: str) -> list:
    i = header.index(name)
    return [r[i] for r in rows]
