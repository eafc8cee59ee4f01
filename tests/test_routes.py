"""The pages' URLconf, gathered from `@page` declarations (ticms/web/routes.py): every declared page is routed once,
no page is hidden behind a pattern before it, and the view routed is the decorated one, checks included."""

from __future__ import annotations

import importlib
import re
import types
from collections import Counter
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.urls import URLResolver, get_resolver, resolve

from ticms.web import routes

SRC = Path(__file__).resolve().parent.parent / "src"
SAMPLES = {"int": "7", "str": "sample", "slug": "sample-kind", "path": "sample/path"}


def _patterns(resolver=None, prefix="", namespace=""):
    """(full route, namespaced name, pattern) of every path() pattern, in resolution order."""
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace]))
            yield from _patterns(p, prefix + str(p.pattern), ns)
        else:
            yield prefix + str(p.pattern), ":".join(filter(None, [namespace, p.name or ""])), p


def _pages():
    """Our own pages: the views of ticms, not the admin's, the API's or the captcha's."""
    return [(route, name, p) for route, name, p in _patterns()
            if getattr(p.callback, "__module__", "").startswith("ticms.") and not route.startswith("api/")]


def _declaring_modules():
    for path in sorted((SRC / "ticms").rglob("*.py")):
        if "@page(" in path.read_text(encoding="utf-8") and path.name != "routes.py":
            yield importlib.import_module(".".join(path.relative_to(SRC).with_suffix("").parts))


def test_every_declared_page_is_routed_exactly_once():
    routed = Counter((route, p.name) for route, _name, p in _pages())
    declared = [(route, name) for module in _declaring_modules() for route, name, _kw, _v in routes.declared(module)]
    assert declared, "no @page declarations found"
    missing = [d for d in declared if routed[d] == 0]
    twice = [d for d in declared if routed[d] > 1]
    assert not missing, f"declared with @page but in no urls.py (add its module to routes.collect): {missing}"
    assert not twice, f"routed more than once (its module collected by two urls.py?): {twice}"


def test_no_two_pages_share_a_route_or_a_name():
    pages = _pages()
    for what, values in (("route", [r for r, _n, _p in pages]), ("name", [n for _r, n, _p in pages])):
        repeated = [v for v, n in Counter(values).items() if n > 1]
        assert not repeated, f"pages sharing a {what}: {repeated}"


def test_no_page_is_shadowed_by_a_pattern_before_it():
    """Django takes the first match: a literal route after a converter that matches it would never be reached."""
    for route, name, p in _pages():
        sample = "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], route)
        match = resolve(sample)
        assert (match.route, match.func) == (route, p.callback), f"{sample} reaches {match.route}, not {name or route}"


def test_the_view_routed_is_the_decorated_one_whatever_the_order_of_decorators(rf):
    module = types.ModuleType("ticms_routes_example")

    def below(request):
        return "open"

    def above(request):
        return "open"

    for view in (below, above):
        view.__module__ = module.__name__
    module.below = login_required(routes.page("below/")(below))  # @login_required above @page
    module.above = routes.page("above/", name="top")(login_required(above))  # @page above @login_required
    patterns = routes.collect(module)

    assert [(str(p.pattern), p.name) for p in patterns] == [("below/", "below"), ("above/", "top")]
    assert [p.callback for p in patterns] == [module.below, module.above]
    request = rf.get("/below/")
    request.user = types.SimpleNamespace(is_authenticated=False)
    assert patterns[0].callback(request).status_code == 302  # to the sign-in page, not "open"


def test_a_view_imported_from_another_module_is_routed_by_its_own_module():
    home = types.ModuleType("ticms_routes_home")
    other = types.ModuleType("ticms_routes_other")

    def start(request):
        return "start"

    start.__module__ = home.__name__
    home.start = other.start = routes.page("start/")(start)

    assert [p.name for p in routes.collect(home)] == ["start"]
    assert routes.collect(other) == []


def test_stacked_pages_are_tried_in_the_order_written_and_pass_their_arguments():
    module = types.ModuleType("ticms_routes_stacked")

    def record_new(request, record):
        return record

    record_new.__module__ = module.__name__
    module.record_new = routes.page("a/", name="a_new", kwargs={"record": "a"})(
        routes.page("b/", name="b_new", kwargs={"record": "b"})(record_new))

    patterns = routes.collect(module)

    assert [(str(p.pattern), p.name, p.default_args) for p in patterns] == [
        ("a/", "a_new", {"record": "a"}), ("b/", "b_new", {"record": "b"})]
