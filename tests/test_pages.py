"""A record's own page is named once (`page_route`); every such name is a route that takes the record's pk."""

from django.apps import apps

from ticms.pages import HasPage


def test_every_record_with_a_page_links_to_its_own_page():
    models = [m for m in apps.get_models() if issubclass(m, HasPage)]
    assert len(models) >= 13
    for model in models:
        assert "/7/" in model(pk=7).get_absolute_url(), model
        assert "/8/" in model(pk=8).get_absolute_url(), model


def test_the_link_is_what_reverse_gives_under_any_script_prefix():
    """Links are reversed once per route and prefix, then filled in: a deployment under a sub-path (SCRIPT_NAME)
    must still link inside it, and a pk that looks like the marker must not be mangled."""
    from django.urls import reverse, set_script_prefix

    models = [m for m in apps.get_models() if issubclass(m, HasPage)]
    try:
        for prefix in ("/", "/ticms/", "/"):
            set_script_prefix(prefix)
            for model in models:
                for pk in (1, 42, 987654321):
                    assert model(pk=pk).get_absolute_url() == reverse(model.page_route, args=[pk])
                assert model(pk=1).get_absolute_url().startswith(prefix)
    finally:
        set_script_prefix("/")


def test_filled_links_are_what_reverse_gives_for_every_route_with_numbers():
    """Every route with int arguments, filled in for several values (and string arguments kept as given), reads as
    reverse() reads it."""
    from django.urls import get_resolver, reverse

    from ticms.pages import fill_url

    root = get_resolver()
    routes = [(name, entries) for name, entries in root.reverse_dict.lists() if isinstance(name, str)]
    routes += [(f"{ns}:{name}", entries) for ns, (_prefix, sub) in root.namespace_dict.items()
               for name, entries in sub.reverse_dict.lists() if isinstance(name, str)]
    checked = 0
    for name, entries in routes:
        for possibility, _pattern, _defaults, converters in entries:
            for _result, params in possibility:
                if not params or any(type(converters.get(p)).__name__ not in ("IntConverter", "StringConverter")
                                     for p in params):
                    continue
                for values in ((1, 2, 3, 4), (42, 7, 9, 11)):
                    args = [values[i] if type(converters[p]).__name__ == "IntConverter" else "docx"
                            for i, p in enumerate(params)]
                    assert fill_url(name, *args) == reverse(name, args=args), (name, args)
                    checked += 1
    assert checked > 80
