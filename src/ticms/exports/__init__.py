"""Excel exports of the lists (issue 11): every list page and list API answers XLSX of exactly its rows."""

from .columns import Col, Column
from .xlsx import MAX_ROWS, XLSX, ExportList, Rows, query_filters, wants_xlsx, xlsx_response

__all__ = ["MAX_ROWS", "XLSX", "Col", "Column", "ExportList", "Rows", "query_filters", "wants_xlsx", "xlsx_response"]
