"""A record with a page of its own, where the route is named once: `page_route`, with the record's pk."""

from django.urls import get_script_prefix, reverse

# Numbers no record has, reversed once per route, script prefix and shape of arguments; each row's link is then a
# string filled in. reverse() matches the route's converters anew on every call, the dearest part of a list row
# after its query.
_MARKER = 987654321987654321
_URL_PARTS: dict[tuple, tuple[str, ...] | None] = {}


def _is_int(arg) -> bool:
    return isinstance(arg, int) and not isinstance(arg, bool)


def fill_url(route: str, *args) -> str:
    """`reverse(route, args=args)`, with each int argument (a pk) filled into the route reversed once."""
    if len(args) == 1 and type(args[0]) is int:  # a row's link: its pk alone, the case lists call 50 times a page
        parts = _URL_PARTS.get((get_script_prefix(), route, (None,)))
        if parts:
            return f"{parts[0]}{args[0]}{parts[1]}"
    shape = tuple(None if _is_int(a) else a for a in args)
    key = (get_script_prefix(), route, shape)
    parts = _URL_PARTS.get(key, ())
    if parts == ():
        markers = [_MARKER + i if _is_int(a) else a for i, a in enumerate(args)]
        rest, pieces = reverse(route, args=markers), []
        for i, a in enumerate(args):
            if _is_int(a):
                head, found, rest = rest.partition(str(_MARKER + i))
                if not found:  # a converter that rewrites numbers: reverse every time
                    pieces = None
                    break
                pieces.append(head)
        parts = _URL_PARTS[key] = None if pieces is None else (*pieces, rest)
    if parts is None:
        return reverse(route, args=args)
    ints = [str(int(a)) for a in args if _is_int(a)]
    return "".join(p + n for p, n in zip(parts, [*ints, ""], strict=True))


def url_with_pk(route: str, pk) -> str:
    """`reverse(route, args=[pk])` for a route whose one argument is an int pk."""
    return fill_url(route, int(pk))


class HasPage:
    """Mixed into a model: `get_absolute_url` (links in lists, messages, e-mails, the admin's "view on site")
    reverses `page_route` with the record's pk. A page reached otherwise (a nested route, an anchor) keeps its own
    `get_absolute_url`."""

    page_route: str

    def get_absolute_url(self) -> str:
        return url_with_pk(self.page_route, self.pk)
