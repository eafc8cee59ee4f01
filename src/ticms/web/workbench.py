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
use bounded queries (a slice of at most MAX_ITEMS rows with select_related for what the labels need, plus
one count, which `first` leaves out when the slice is not full), never a query per item. `count` is the full
number waiting; `items` may be only the first ones.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

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
    count: int | None = None  # None → len(items)
    empty_text: str = ""
    role: str = ""  # the role this section belongs to; "" = shown to everyone who gets it

    def __post_init__(self) -> None:
        if self.count is None:
            self.count = len(self.items)


def first(qs, limit: int = MAX_ITEMS) -> tuple[list, int]:
    """The first `limit` rows of `qs` and how many rows it has in all. A slice that comes back short holds every
    row, so the count query runs only for a full one: most sections are short, and the bureau's workbench has
    some twenty of them."""
    rows = list(qs[:limit])
    return rows, (len(rows) if len(rows) < limit else qs.count())


Provider = Callable[[object], list[TodoSection]]
_providers = Providers()
register = _providers.register
unregister = _providers.unregister


def providers() -> list[Provider]:
    return list(_providers)


def sections_for(user) -> list[TodoSection]:
    """Every section the providers give this user, keeping only those of roles the user holds."""
    held = user.role_set
    out: list[TodoSection] = []
    for provider in _providers:
        for section in provider(user) or []:
            if not section.role or section.role in held:
                out.append(section)
    return out
