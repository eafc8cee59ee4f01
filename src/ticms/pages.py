"""A record with a page of its own, where the route is named once: `page_route`, with the record's pk."""

from django.urls import reverse


class HasPage:
    """Mixed into a model: `get_absolute_url` (links in lists, messages, e-mails, the admin's "view on site")
    reverses `page_route` with the record's pk. A page reached otherwise (a nested route, an anchor) keeps its own
    `get_absolute_url`."""

    page_route: str

    def get_absolute_url(self) -> str:
        return reverse(self.page_route, args=[self.pk])
