"""How the recognition workflow is reached from pages and the API (served by ticms.workflow)."""

from ticms.workflow.endpoints import Endpoint, register

from .api import application_json
from .selectors import application_for
from .workflow import APPLICATION_FLOW


def register_all() -> None:
    register(Endpoint(APPLICATION_FLOW, "application", "applications/<int:pk>", "/applications/{id}",
                      load=application_for, as_json=application_json, summary="Fire a workflow transition"))
