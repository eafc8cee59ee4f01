"""How the center status, filing and change-request workflows are reached from pages and the API."""

from ticms.accounts.scope import get_visible_or_404
from ticms.workflow.endpoints import Endpoint, register

from .api import center_dict, change_dict, filing_dict
from .selectors import centers_visible_to, changes_visible_to, filings_visible_to
from .workflow import CENTER_FLOW, CHANGE_FLOW, FILING_FLOW


def _loader(selector):
    return lambda user, pk: get_visible_or_404(selector(user), user, pk=pk)


def register_all() -> None:
    register(Endpoint(CENTER_FLOW, "center", "centers/<int:pk>", "/centers/{id}", load=_loader(centers_visible_to),
                      as_json=center_dict, inputs={"article": str}))
    register(Endpoint(FILING_FLOW, "filing", "centers/filings/<int:pk>", "/filings/{id}",
                      load=_loader(filings_visible_to), as_json=filing_dict))
    register(Endpoint(CHANGE_FLOW, "change_request", "centers/changes/<int:pk>", "/change-requests/{id}",
                      load=_loader(changes_visible_to), as_json=change_dict))
