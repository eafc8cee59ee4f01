"""May this user edit this record? One answer, used by pages, templates, services and the API.

Each editable record kind has its `may_edit`-style function beside its workflow table (`applications/rights.py`,
`evaluations/rights.py`, `centers/rights.py`, `notices/rights.py`). It returns `(allowed, reason)`: a page shows
or hides its edit link with it and refuses the edit page with the reason; the service calls `enforce` with the
same answer, so a refusal reads the same on the page, in the API's 4xx and in a command.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ticms.errors import ServiceError, with_citation

from .core import Reason

Right = tuple[bool, Reason | None]
ALLOWED: Right = (True, None)
# The code of a refusal because the user is not the record's owner (403); any other code is a state (409).
FORBIDDEN = "forbidden"


def refused(code: str, message: str, article: str = "") -> Right:
    return False, Reason(code, message, article)


class EditForbidden(ServiceError, PermissionDenied):
    """Not this user's record to edit: a `ServiceError` for pages and the API (403 with the article), and a
    `PermissionDenied` for callers that treat it as Django's 403."""


def enforce(right: Right) -> None:
    """Raise the refusal of `right`, if any: 403 when the user may not edit this record, 409 for its state."""
    allowed, reason = right
    if allowed:
        return
    if reason.code == FORBIDDEN:
        raise EditForbidden(reason.code, str(reason.message), status=403, article=reason.article)
    raise ServiceError(reason.code, str(reason.message), status=409, article=reason.article)


def as_dict(right: Right) -> dict:
    """For the API: `{"allowed": bool, "reason": {code, message, article, citation} | null}`."""
    allowed, reason = right
    return {"allowed": allowed, "reason": reason.as_dict() if reason else None}


def deny_unless(right: Right) -> None:
    """For a page: refuse it with the reason (the 403 page shows it) unless `right` allows."""
    allowed, reason = right
    if not allowed:
        raise PermissionDenied(text(reason))


def owner_note(right: Right) -> str:
    """The refusal worth showing on a record's page: why its owner may not edit it now. A user who never had
    the right is not told about it."""
    allowed, reason = right
    return "" if allowed or reason.code == FORBIDDEN else text(reason)


def text(reason: Reason) -> str:
    """The sentence a person reads, the same as the service's refusal: “…不能修改（第九条第（二）项）。”"""
    return with_citation(str(reason.message), reason.article)
