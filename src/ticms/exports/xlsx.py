"""One XLSX answer for every list: the rows the user sees (same scope, same filters, all pages), one sheet.

Each list declares its columns once, next to its view (ticms.exports.columns), and hands over rows as tuples in
that order (a `values_list` queryset, or a generator over one). The workbook is write-only so memory
stays flat whatever the size; it is spooled to a temporary file and streamed back. Money arrives in yuan, as
stored, and is written in 万元 with two decimals (ticms.money); dates are real Excel dates. A second sheet,
"导出信息", says which list, which filters, who and when. Every export is an audit event ("export.xlsx").
"""

from __future__ import annotations

import datetime
import itertools
import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from ticms.audit.services import record
from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.money import to_wan

from .columns import Col, Column, columns_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Above this a spreadsheet stops being a reading aid; the user narrows the filter instead.
# (settings.EXPORT_MAX_ROWS may lower it, e.g. in a test.)
MAX_ROWS = 50_000
KINDS = ("text", "date", "datetime", "money", "int")
# Query parameters that page or pick the format; they are not filters and stay out of the sheet and the audit.
NOT_FILTERS = {"format", "page", "limit", "offset", "before", "after", "per", "rpage"}

_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "money": "0.00", "int": "0"}


def wants_xlsx(request: HttpRequest) -> bool:
    """`?format=xlsx` on a page or an API list; `Accept: <xlsx>` on an API list."""
    return request.GET.get("format") == "xlsx" or XLSX in request.headers.get("Accept", "")


def query_filters(request: HttpRequest, labels: dict[str, str] | None = None) -> dict[str, str]:
    """The filters of the request as written in the sheet and the audit event: {label or parameter: value}."""
    labels = labels or {}
    return {labels.get(key, key): value for key, value in request.GET.items() if value and key not in NOT_FILTERS}


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def max_rows() -> int:
    return getattr(settings, "EXPORT_MAX_ROWS", MAX_ROWS)


def _too_many(request: HttpRequest, count: int | None):
    found = f"有 {count} 条，" if count is not None else ""
    detail = f"符合条件的记录{found}超过导出上限 {max_rows()} 条，请增加筛选条件后再导出。"
    if _is_api(request):
        raise ServiceError("too_many_rows", detail, status=422)
    messages.error(request, detail)
    params = request.GET.copy()
    params.pop("format", None)
    return redirect(f"{request.path}?{params.urlencode()}" if params else request.path)


def _convert(kind: str, value):
    if value is None or value == "":
        return None
    if kind == "money":
        return to_wan(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "、".join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if kind == "datetime" and isinstance(value, datetime.datetime):
        # Excel has no time zones: the local (Asia/Shanghai) wall-clock time, as the pages show it.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if kind == "date" and isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _write_table(ws, columns: Sequence[Column], rows: Iterable[Sequence]) -> int:
    # openpyxl only when a sheet is written: imported at startup it made every web worker 16 MB bigger (issue 15).
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for index, (_, width, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for title, _, _ in columns:
        cell = WriteOnlyCell(ws, value=title)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
        header.append(cell)
    ws.append(header)
    kinds = [kind for _, _, kind in columns]
    formats = [_FORMATS.get(kind) for kind in kinds]
    count = 0
    for row in rows:
        out = []
        for kind, number_format, value in zip(kinds, formats, row, strict=True):
            value = _convert(kind, value)
            if number_format and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = number_format
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
        count += 1
    return count


def _write_info(ws, *, title: str, filters: dict, user, at: datetime.datetime, count: int) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    ws.append(["列表", title])
    ws.append(["导出时间", at.replace(tzinfo=None)])
    ws.append(["导出人", str(user) if user.is_authenticated else "公众（未登录）"])
    ws.append(["记录数", count])
    ws.append(["筛选条件", "；".join(f"{k}：{v}" for k, v in filters.items()) if filters else "（无，全部可见记录）"])
    ws.append(["说明", "金额单位：万元；范围为导出人有权查看的全部记录（不限于当前页）。"])


def xlsx_response(request: HttpRequest, *, name: str, title: str, columns: Sequence[Column],
                  rows: Iterable[Sequence], filters: dict) -> HttpResponse:
    """The list `name` (its URL name, for the audit), titled `title`, as an XLSX download.

    `rows` yields one tuple per row in the order of `columns`; a queryset is counted first (to refuse above
    MAX_ROWS before any work) and read in chunks."""
    assert all(kind in KINDS for _, _, kind in columns), columns
    if isinstance(rows, QuerySet | Rows):
        total = rows.count()
        if total > max_rows():
            return _too_many(request, total)
        rows = rows.iterator(chunk_size=2000) if isinstance(rows, QuerySet) else iter(rows)
    from openpyxl import Workbook  # only when a sheet is written (see _write_table)

    at = timezone.localtime()
    wb = Workbook(write_only=True)
    table = wb.create_sheet(title[:31])
    count = _write_table(table, columns, _bounded(rows))
    if count > max_rows():
        return _too_many(request, None)
    _write_info(wb.create_sheet("导出信息"), title=title, filters=filters, user=request.user, at=at, count=count)
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(out)
    out.seek(0)
    record("export.xlsx", actor=request.user, data={"list": name, "filter": filters, "rows": count},
           ip=client_ip(request))
    filename = f"{title}-{at:%Y%m%d-%H%M%S}.xlsx"
    response = FileResponse(out, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _bounded(rows: Iterable[Sequence]):
    """Stop one row past the bound: a generator cannot be counted beforehand."""
    bound = max_rows()
    for index, row in enumerate(rows):
        yield row
        if index >= bound:
            return


def _choices_of(model, path: str) -> dict | None:
    """The labels of the field at `path` ("lead_unit__name", "state"), when it has choices."""
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # "pk", or an annotation of the list's queryset
            return None
        model = field.related_model or model
    return dict(field.flatchoices) if field is not None and field.choices else None


def _is_many(model, path: str) -> bool:
    """Whether `path` goes through a many-to-many (or reverse) relation: one row would become several."""
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model or model
    return False


class Rows:
    """A queryset read as tuples of `fields` in chunks; values of fields with choices become their labels. A field
    through a many-to-many relation ("partner_units__name") becomes the list of its values, read with one query per
    chunk (the sheet joins them with 、)."""

    CHUNK = 2000

    def __init__(self, qs: QuerySet, fields: Sequence[str]):
        self.fields = list(fields)
        self.model = qs.model
        self.many = [i for i, f in enumerate(self.fields) if _is_many(qs.model, f)]
        plain = [f for i, f in enumerate(self.fields) if i not in self.many]
        self.qs = qs.values_list(*plain, "pk") if self.many else qs.values_list(*fields)
        self.labels = [None if i in self.many else _choices_of(qs.model, f) for i, f in enumerate(self.fields)]

    def count(self) -> int:
        return self.qs.count()

    def __iter__(self):
        labels = self.labels
        if self.many:
            yield from self._with_many()
            return
        if not any(labels):
            yield from self.qs.iterator(chunk_size=self.CHUNK)
            return
        for row in self.qs.iterator(chunk_size=self.CHUNK):
            yield tuple(lab.get(v, v) if lab else v for lab, v in zip(labels, row, strict=True))

    def _with_many(self):
        rows = self.qs.iterator(chunk_size=self.CHUNK)
        while chunk := list(itertools.islice(rows, self.CHUNK)):
            pks = [row[-1] for row in chunk]
            lists: dict[int, dict] = {}
            for i in self.many:
                found: dict = {}
                pairs = (self.model._default_manager.filter(pk__in=pks, **{f"{self.fields[i]}__isnull": False})
                         .values_list("pk", self.fields[i]).order_by(self.fields[i]))
                for pk, value in pairs:
                    found.setdefault(pk, []).append(value)
                lists[i] = found
            for row in chunk:
                plain = iter(row[:-1])
                out = []
                for i, lab in enumerate(self.labels):
                    if i in lists:
                        out.append(lists[i].get(row[-1], []))
                    else:
                        value = next(plain)
                        out.append(lab.get(value, value) if lab else value)
                yield tuple(out)


@dataclass(frozen=True)
class ExportList:
    """One list's export, declared once next to its view and used by its page and its API:
    `columns` are field paths read with `values_list`, or `Col`s where the field does not say it all
    (ticms.exports.columns)."""

    name: str
    title: str
    columns: tuple[str | Col, ...]
    filter_labels: tuple[tuple[str, str], ...] = ()

    def response(self, request: HttpRequest, qs: QuerySet, filters: dict | None = None) -> HttpResponse:
        columns = columns_of(qs.model, self.columns)
        return xlsx_response(
            request, name=self.name, title=self.title, columns=[c[:3] for c in columns],
            rows=Rows(qs, [c[3] for c in columns]),
            filters=query_filters(request, dict(self.filter_labels)) if filters is None else filters)
