"""The public home page's registry: apps add a card of current items (open calls, notices, centers …).

    from django.utils.html import format_html
    from ticms.web import home

    def open_calls(request):
        calls = Call.objects.open_now().order_by("-opens")[:5]
        return home.HomeSection(
            title="Open calls",
            items=[format_html('<a href="{}">{}</a>', c.get_absolute_url(), c.title) for c in calls],
            url="/calls/",
        )

    home.register(open_calls)   # in AppConfig.ready()

A provider takes the request and returns a `HomeSection`, a (title, items) or (title, items, url) tuple, or
None to show nothing. Items are HTML-safe strings (build them with format_html); they are shown as a list.
The page is public and shown to everyone: providers must only return public data and use bounded queries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ticms.web.providers import Providers


class HomeSection(NamedTuple):
    title: str
    items: list
    url: str = ""


Provider = Callable[[object], "HomeSection | tuple | None"]
_providers = Providers()
register = _providers.register
unregister = _providers.unregister


def sections_for(request) -> list[HomeSection]:
    out = []
    for provider in _providers:
        result = provider(request)
        if result:
            out.append(result if isinstance(result, HomeSection) else HomeSection(*result))
    return out
