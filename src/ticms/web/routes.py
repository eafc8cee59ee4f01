"""A page's path is declared above its view, as the API declares its routes (`@router.get("/calls/{call_id}")`):

    from ticms.web.routes import page

    @page("calls/<int:call_id>/")
    @login_required
    def call_detail(request, call_id: int): ...

and an app's urls.py only gathers its views modules, without naming a page again:

    app_name = "notices"  # where the app's URL names are namespaced
    urlpatterns = routes.collect(views)

Why: a page was written twice, its function in views.py and its path, name and function again in urls.py, and the
app tables (urls.py of every app) repeated each other line for line. Now each page stands in one place; its URL name
is the function's name unless `name=` says otherwise (names are what templates and `reverse` use, so they stay put
when a function is renamed). Paths are Django's `path()` routes, relative to the site root.

Order: Django tries patterns in order and the first match wins. `collect` keeps the modules in the order given and,
within a module, the order its views are defined: where a literal route could also match a converter route
("imports/<slug:kind>/" would take "imports/new/"), the literal one's view is defined first. tests/test_routes.py
checks that no page is shadowed by one before it, that each view is routed once and that every declared page is
collected.

The view routed is whatever the module's name finally holds, so `@page` may stand above or below `@login_required`
and the other decorators and none of them is skipped (a decorator above it must use functools.wraps, as Django's
do, or the declaration is lost with the page). A class-based view is routed with `as_view()`.
"""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views import View

ATTR = "page_routes"


def page(route: str, *, name: str = "", kwargs: dict | None = None):
    """Declare that `route` serves the decorated view, under `name` (default: the function's or class's name), with
    `kwargs` as extra arguments of the view. One view may serve several routes, stacked in the order they are tried."""

    def declare(view):
        # In the view's own __dict__: functools.wraps copies it onto the decorators above, a subclass doesn't inherit.
        routes = view.__dict__.get(ATTR, ())
        # Decorators apply from the bottom up: the route written first is declared last and goes first.
        setattr(view, ATTR, ((route, name or view.__name__, kwargs or {}), *routes))
        return view

    return declare


def declared(module) -> list[tuple[str, str, dict, object]]:
    """(route, name, kwargs, view) of each page a module defines, in the order of its definitions."""
    out = []
    for obj in vars(module).values():
        # Views imported from elsewhere are routed by their own module.
        if getattr(obj, "__module__", None) != module.__name__ or not hasattr(obj, "__dict__"):
            continue
        for route, name, kwargs in obj.__dict__.get(ATTR, ()):
            out.append((route, name, kwargs, obj))
    return out


def collect(*modules) -> list[URLPattern]:
    """The URL patterns of the pages declared in `modules`, in order."""
    patterns = []
    for module in modules:
        for route, name, kwargs, view in declared(module):
            callback = view.as_view() if isinstance(view, type) and issubclass(view, View) else view
            patterns.append(path(route, callback, kwargs, name=name))
    return patterns
