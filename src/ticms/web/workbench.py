"""我的待办: the registry through which apps put their to-dos on the workbench (DESIGN §8).

An app registers a provider once, in its AppConfig.ready():

    from ticms.web import workbench

    def application_todos(user) -> list[workbench.TodoSection]:
        if not user.has_role(Role.COUNTY_OFFICER):
            return []
        qs = applications_visible_to(user).filter(state="submitted").order_by("submitted_at")
        rows, count = workbench.first(qs)
        items = [workbench.TodoItem(label=a.title, url=a.get_absolute_url(), state_label=a.get_state_display())
                 for a in rows]
        return [workbench.TodoSection(title="Applications to review", items=items, count=count,
                                      role=Role.COUNTY_OFFICER, empty_text="No application waits for you.")]

    workbench.register(application_todos)

Providers run on every workbench view, so they must be cheap: return [] at once for users without the role,
use bounded queries (a slice of at most MAX_ITEMS rows with select_related/only for what the labels need; `first`
leaves the count to `sections_for`, which counts every full section of the page in one query), never a query per
item. `count` is the full
number waiting; `items` may be only the first ones.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connections

from ticms.web.providers import Providers

MAX_ITEMS = 20


@dataclass
class TodoItem:
    label: str
    url: str
    state_label: str = ""
    due: datetime.date | datetime.datetime | None = None
    note: str = ""


@dataclass
class TodoSection:
    title: str
    items: list[TodoItem] = field(default_factory=list)
    count: int | PendingCount | None = None  # None → len(items); pending → counted by `sections_for`
    empty_text: str = ""
    role: str = ""  # the role this section belongs to; "" = shown to everyone who gets it

    def __post_init__(self) -> None:
        if self.count is None:
            self.count = len(self.items)


class PendingCount:
    """How many rows a full slice's queryset has, counted later: `sections_for` counts every section of the page
    in one query (`count_all`), where each count was one query (nine of the bureau's 29, issue 15)."""

    def __init__(self, qs):
        self.qs = qs


def first(qs, limit: int = MAX_ITEMS) -> tuple[list, int | PendingCount]:
    """The first `limit` rows of `qs` and how many rows it has in all. A slice that comes back short holds every
    row, so it is counted from its rows; a full one's count is left pending for `sections_for` to run with the
    page's other counts. Called outside `sections_for`, `resolve` turns a pending count into a number."""
    rows = list(qs[:limit])
    return rows, (len(rows) if len(rows) < limit else PendingCount(qs))


def count_all(querysets) -> list[int]:
    """The number of rows of each queryset, in one query: SELECT (SELECT COUNT(*) FROM (…)), (…), …"""
    querysets = list(querysets)
    if not querysets:
        return []
    parts, params = [], []
    using = querysets[0].db
    for i, qs in enumerate(querysets):
        sql, qs_params = qs.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS todo_{i})")
        params.extend(qs_params)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())


def resolve(sections: list[TodoSection]) -> list[TodoSection]:
    pending = [s for s in sections if isinstance(s.count, PendingCount)]
    for section, n in zip(pending, count_all(s.count.qs for s in pending), strict=True):
        section.count = n
    return sections


Provider = Callable[[object], list[TodoSection]]
_providers = Providers()
register = _providers.register
unregister = _providers.unregister


def providers() -> list[Provider]:
    return list(_providers)


# How long a user's to-do list is kept at most (see cached_sections_for).
CACHE_SECONDS = 60


def cached_sections_for(user) -> list[TodoSection]:
    """`sections_for`, kept until anything is written or for a minute at most.

    The bureau's workbench runs some twenty bounded queries, 30 ms of CPU at the province's size (issue 15), and
    officers come back to it between every two files. Every write of business data records an audit event in its
    own transaction, so the newest event's number is in the key: the officer's own step, anyone's step, changes
    it, and the next view reads afresh. What is not audited and moves the list is bounded by the minute: the clock
    (deadlines; the day is in the key too), task-queue jobs going stale, and two transactions committing out of
    the order of their events. The key holds the user and their roles, so nobody reads another's list."""
    from django.core.cache import cache
    from django.utils import timezone

    from ticms.audit.services import newest_seq

    newest = newest_seq()
    roles = ",".join(sorted(user.role_set))
    registry = hash(tuple(map(id, _providers)))  # a provider registered since (tests) is a different list
    key = f"workbench:{user.pk}:{roles}:{timezone.localdate().isoformat()}:{newest}:{registry}"
    sections = cache.get(key)
    if sections is None:
        sections = sections_for(user)
        cache.set(key, sections, CACHE_SECONDS)
    return sections


def sections_for(user) -> list[TodoSection]:
    """Every section the providers give this user, keeping only those of roles the user holds."""
    held = user.role_set
    out: list[TodoSection] = []
    for provider in _providers:
        for section in provider(user) or []:
            if not section.role or section.role in held:
                out.append(section)
    return resolve(out)
