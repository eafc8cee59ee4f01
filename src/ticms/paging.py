"""Pages of the list APIs (docs/architecture.md, interface conventions).

A list that answered a JSON array keeps answering one — a page of it — and says the rest in headers:
`X-Total-Count` (rows matching the filters) and `Link` (RFC 8288: `rel="next"`, `rel="prev"`, `rel="first"`).
`limit` is 1–200 (default 50) and `offset` 0 or more, plain integers checked by the API (422 outside).
Rows are read in a stable order; every handler passes its ordered query here and serialises only the page.

A table that grows without bound (the audit log) pages by key instead (`keyset`): `after` is the last key the
caller has, the page is the next `limit` rows in key order (an index range scan however far in), `rel="next"`
carries the new `after`, and `X-Total-Count` is an estimate the handler gives (counting a million rows per page
is what the offset lists cannot afford there).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from ninja import Query

from ticms import totals
from ticms.exports import wants_xlsx

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 10**9


def limit_param():
    return Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"rows per page, 1–{MAX_LIMIT}")


def offset_param():
    return Query(0, ge=0, le=MAX_OFFSET, description="rows to skip")


def after_param():
    return Query(0, ge=0, le=MAX_OFFSET, description="the last key you have; the page starts after it")


def _url(request: HttpRequest, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = str(value)
    return f"{request.path}?{urlencode(sorted(params.lists()), doseq=True)}"


def page(request: HttpRequest, response: HttpResponse, qs, *, limit: int, offset: int, total: int | None = None):
    """The rows of `qs` on this page; sets X-Total-Count and Link on `response` (ninja's temporal response)."""
    total = totals.total(qs) if total is None else total
    rows = list(qs[offset : offset + limit])
    links = [f'<{_url(request, limit=limit, offset=0)}>; rel="first"']
    if offset > 0:
        links.append(f'<{_url(request, limit=limit, offset=max(0, offset - limit))}>; rel="prev"')
    if offset + limit < total:
        links.append(f'<{_url(request, limit=limit, offset=offset + limit)}>; rel="next"')
    response["X-Total-Count"] = str(total)
    response["Link"] = ", ".join(links)
    return rows


def listed(request: HttpRequest, response: HttpResponse, qs, row, *, export, limit: int, offset: int, **filters):
    """The body of a list API: `qs` narrowed by the filters given (an empty one is no filter), then the whole list
    as `export`'s XLSX when the caller asks for it, or else this page of it, each record as `row(record)`."""
    qs = qs.filter(**{field: value for field, value in filters.items() if value})
    if wants_xlsx(request):
        return export.response(request, qs)
    return [row(obj) for obj in page(request, response, qs, limit=limit, offset=offset)]


def keyset(request: HttpRequest, response: HttpResponse, qs, *, after: int, limit: int, total: int | None,
           key: str = "seq"):
    """The next `limit` rows of `qs` whose `key` is above `after`, in key order; sets Link (`first`, and `next`
    while a full page came back) and X-Total-Count (`total`, an estimate; omitted when there is none)."""
    rows = list(qs.filter(**{f"{key}__gt": after}).order_by(key)[:limit])
    links = [f'<{_url(request, limit=limit, after=0)}>; rel="first"']
    if len(rows) == limit:
        links.append(f'<{_url(request, limit=limit, after=getattr(rows[-1], key))}>; rel="next"')
    if total is not None:
        response["X-Total-Count"] = str(total)
    response["Link"] = ", ".join(links)
    return rows
