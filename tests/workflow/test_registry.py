"""Every workflow table, checked in one place: complete, and reachable at its one web URL and one API route."""

import pytest

from ticms.workflow.core import REGISTRY
from ticms.workflow.endpoints import ENDPOINTS

# Tables whose transitions pages and the API reach through the generic endpoints, with their API route.
API_ROUTES = {
    "applications.Application": "/api/v1/applications/{id}/transitions/{name}",
    "centers.Center": "/api/v1/centers/{id}/transitions/{name}",
    "centers.Filing": "/api/v1/filings/{id}/transitions/{name}",
    "centers.ChangeRequest": "/api/v1/change-requests/{id}/transitions/{name}",
    "evaluations.EvaluationRound": "/api/v1/evaluation-rounds/{id}/transitions/{name}",
    "evaluations.Evaluation": "/api/v1/evaluations/{id}/transitions/{name}",
    "evaluations.Rectification": "/api/v1/evaluations/{id}/rectification/transitions/{name}",
    "notices.PublicNotice": "/api/v1/notices/{id}/transitions/{name}",
    "notices.Objection": "/api/v1/objections/{id}/transitions/{name}",
    "reviews.Assignment": "/api/v1/assignments/{id}/transitions/{name}",
}


def test_every_table_has_its_endpoint():
    assert {ep.flow.model_label for ep in ENDPOINTS.values()} == {f.model_label for f in REGISTRY.values()
                                                                  if not f.model_label.startswith("example_flow")}


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_every_table_is_complete(key):
    assert REGISTRY[key].check_complete() == []


def test_every_generic_route_is_in_the_openapi_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    served = {ep.flow.model_label: f"/api/v1{ep.api_path}/transitions/{{name}}" for ep in ENDPOINTS.values()}
    for label, route in API_ROUTES.items():
        assert served[label] == route
        assert "post" in paths[route], route


def test_a_table_has_one_endpoint():
    labels = [ep.flow.model_label for ep in ENDPOINTS.values()]
    assert len(labels) == len(set(labels))
