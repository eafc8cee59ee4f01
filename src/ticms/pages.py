"""A record with a page of its own, where the route is named once: `page_route`, with the record's pk."""

from django.urls import get_script_prefix, reverse

# A pk no record has, reversed once per route and script prefix; each row's link is then a string substitution.
# reverse() matches the route's converters anew on every call, the dearest part of a list row after its query.
_MARKER = 987654321987654321
_URL_FORMATS: dict[tuple[str, str], tuple[str, str]] = {}


def url_with_pk(route: str, pk) -> str:
    """`reverse(route, args=[pk])` for a route whose one argument is an int pk."""
    key = (get_script_prefix(), route)
    parts = _URL_FORMATS.get(key)
    if parts is None:
        head, _, tail = reverse(route, args=[_MARKER]).partition(str(_MARKER))
        parts = _URL_FORMATS[key] = (head, tail)
    return f"{parts[0]}{int(pk)}{parts[1]}"


class HasPage:
    """Mixed into a model: `get_absolute_url` (links in lists, messages, e-mails, the admin's "view on site")
    reverses `page_route` with the record's pk. A page reached otherwise (a nested route, an anchor) keeps its own
    `get_absolute_url`."""

    page_route: str

    def get_absolute_url(self) -> str:
        return url_with_pk(self.page_route, self.pk)
