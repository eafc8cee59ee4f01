"""One error type for refused business actions, shared by services, views and the API."""

from __future__ import annotations


class ServiceError(Exception):
    """A business action refused for a reason the user can act on.

    `error` is a stable code, `detail` a sentence (Chinese by default) or a list of reasons,
    `status` the HTTP status the API answers with, `field` the form field to mark when there is one,
    `article` the article of the measures that decides the refusal ("9(4)"), when one does.
    """

    def __init__(self, error: str, detail, status: int = 422, field: str | None = None, article: str = ""):
        self.error = error
        self.detail = detail
        self.status = status
        self.field = field
        self.article = article
        super().__init__(str(detail))
