"""One list component for every list page (issue 13): filters, sortable header, 「共 N 条」, page size, pager, export.

A view builds a `Listing` from its scoped queryset, its FilterSet (django-filter, `<app>/filters.py`) and its
columns, then either answers the XLSX of exactly the filtered rows or draws `web/list/*.jinja` with it:

    listing = Listing(request, qs, filterset=ApplicationFilter, columns=COLUMNS, default_sort="-updated")
    if wants_xlsx(request):
        return APPLICATIONS_EXPORT.response(request, listing.qs)
    return render(request, "…", {"listing": listing, "page_obj": listing.page_obj})

A column that only labels is written as its header, a str: `[Column("年度", "year", ("year",)), "名称", "状态"]`.
Orderings are a whitelist: a column is sortable only when it names the fields it orders by, and every ordering
ends on the primary key so pages are stable. An invalid filter value is reported next to its field (the form's
Chinese error) while the valid filters still apply: django-filter filters by the cleaned fields only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, QueryDict
from django.utils.functional import cached_property

from ticms import totals
from ticms.params import ascii_int

PAGE_SIZES = (10, 25, 50, 100)
# Parameters the component owns; everything else in the query string is a filter.
CONTROL_PARAMS = ("sort", "per", "page", "format", "rpage")


@dataclass(frozen=True)
class Column:
    """A table column: its header and, when sortable, its key in `?sort=` and the fields it orders by
    (ascending; `-key` reverses them all)."""

    label: str
    key: str = ""
    order_by: tuple[str, ...] = ()
    css: str = ""
    # The fields already order rows uniquely (a unique column): no primary key appended, so the index serves it.
    unique: bool = False

    @property
    def sortable(self) -> bool:
        return bool(self.key and self.order_by)


@dataclass
class HeaderCell:
    label: str
    css: str
    url: str = ""
    direction: str = ""  # "asc", "desc" or "" (not sorted by this column)

    @property
    def aria_sort(self) -> str:
        return {"asc": "ascending", "desc": "descending"}.get(self.direction, "")


def _reverse(fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f[1:] if f.startswith("-") else f"-{f}" for f in fields)


def _with_pk(fields: tuple[str, ...], descending: bool) -> tuple[str, ...]:
    if any(f.lstrip("-") in ("pk", "id") for f in fields):
        return fields
    return (*fields, "-pk" if descending else "pk")


def rows_only(qs, *fields: str, **related: str):
    """`qs` reading only the columns a page's rows draw: `fields` of the listed model, and each of `related`
    (`host_name="host_unit__name"`) as a value on the row, joined in the same query. Django fills every field of
    every model a query joins into an object: a page of 50 applications with their units and call made 250 objects
    of up to 60 fields, a third of the page's time. Not for counting: the joins it adds would be counted too (a
    listing counts its own queryset and reads the page through this: `Listing.rows_only`)."""
    return qs.select_related(None).only(*fields).annotate(**{name: F(path) for name, path in related.items()})


class _Paginator(Paginator):
    """The total from `ticms.totals`: paging, re-sorting or changing the page size counts once."""

    @cached_property
    def count(self) -> int:
        return totals.total(self.object_list)


class _RowsPaginator(_Paginator):
    """Counts the listing's queryset and reads each page from `rows`, the same rows in the same order with
    fewer columns (`Listing.rows_only`)."""

    def __init__(self, object_list, per_page, rows):
        super().__init__(object_list, per_page)
        self.rows = rows

    def _get_page(self, object_list, number, paginator):
        page = super()._get_page(object_list, number, paginator)
        page.object_list = self.rows[page.start_index() - 1:page.end_index()] if self.count else self.rows.none()
        return page


@dataclass
class Listing:
    request: HttpRequest
    queryset: object
    columns: list[Column | str]
    default_sort: str = ""
    filterset: type | None = None
    per_page: int = 25
    filter_kwargs: dict = field(default_factory=dict)
    # Another name when the page holds a second paged list on `page` (the rounds above the centers due).
    page_param: str = "page"

    def __post_init__(self):
        # A column that neither sorts nor styles is written as its header alone.
        self.columns = [c if isinstance(c, Column) else Column(c) for c in self.columns]
        params: QueryDict = self.request.GET
        self.filters = None
        qs = self.queryset
        if self.filterset is not None:
            data = params.copy()
            for name in CONTROL_PARAMS:
                data.pop(name, None)
            self.filters = self.filterset(data or None, queryset=qs, request=self.request, **self.filter_kwargs)
            qs = self.filters.qs
        by_key = {c.key: c for c in self.columns if c.sortable}
        sort = params.get("sort", "")
        if sort.lstrip("-") not in by_key:
            sort = self.default_sort
        self.sort = sort
        column = by_key.get(sort.lstrip("-"))
        if column is not None:
            descending = sort.startswith("-")
            fields = _reverse(column.order_by) if descending else column.order_by
            qs = qs.order_by(*(fields if column.unique else _with_pk(fields, descending)))
        self.qs = qs
        per = ascii_int(params.get("per"), 0)
        self.per = per if per in PAGE_SIZES else self.per_page
        self._page = None
        self._rows = None

    def rows_only(self, *fields: str, **related: str) -> None:
        """Read the page's rows with only these columns (`rows_only` above); the total and the export still come
        from `qs`, whose count keeps no join the rows need."""
        self._rows = (fields, related)

    # --- the page ------------------------------------------------------------------------------
    @property
    def page_obj(self):
        if self._page is None:
            paginator = (_Paginator(self.qs, self.per) if self._rows is None
                         else _RowsPaginator(self.qs, self.per, rows_only(self.qs, *self._rows[0], **self._rows[1])))
            self._page = paginator.get_page(self.request.GET.get(self.page_param))
        return self._page

    @property
    def total(self) -> int:
        return self.page_obj.paginator.count

    @property
    def rows(self):
        return self.page_obj.object_list

    @property
    def page_sizes(self) -> tuple[int, ...]:
        return PAGE_SIZES

    def _page_url(self, number: int) -> str:
        return self._url(**{self.page_param: number})

    @property
    def first_url(self) -> str:
        return self._page_url(1)

    @property
    def previous_url(self) -> str:
        return self._page_url(self.page_obj.previous_page_number()) if self.page_obj.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self._page_url(self.page_obj.next_page_number()) if self.page_obj.has_next() else ""

    @property
    def last_url(self) -> str:
        return self._page_url(self.page_obj.paginator.num_pages)

    # --- the header ----------------------------------------------------------------------------
    def _url(self, **changes) -> str:
        params = self.request.GET.copy()
        for key, value in changes.items():
            params.pop(key, None)
            if value not in (None, ""):
                params[key] = str(value)
        query = params.urlencode()
        return f"{self.request.path}?{query}" if query else self.request.path

    @property
    def header(self) -> list[HeaderCell]:
        cells = []
        current, descending = self.sort.lstrip("-"), self.sort.startswith("-")
        for c in self.columns:
            if not c.sortable:
                cells.append(HeaderCell(c.label, c.css))
                continue
            direction = ("desc" if descending else "asc") if c.key == current else ""
            target = c.key if direction == "desc" else f"-{c.key}" if direction == "asc" else c.key
            cells.append(HeaderCell(c.label, c.css, self._url(sort=target, **{self.page_param: None}), direction))
        return cells

    @property
    def hidden_params(self) -> list[tuple[str, str]]:
        """The query without `page` and `per`, for the page-size and page-jump forms."""
        return [
            (k, v)
            for k, values in self.request.GET.lists()
            if k not in (self.page_param, "per", "format")
            for v in values
        ]

    @property
    def filter_hidden_params(self) -> list[tuple[str, str]]:
        """What the filter form keeps when submitted: the sort and the page size."""
        return [(k, self.request.GET[k]) for k in ("sort", "per") if self.request.GET.get(k)]

    @property
    def export_url(self) -> str:
        return self._url(format="xlsx", **{self.page_param: None})

    @property
    def reset_url(self) -> str:
        return self.request.path

    @property
    def has_filters(self) -> bool:
        return any(k not in CONTROL_PARAMS and v for k, v in self.request.GET.items())
