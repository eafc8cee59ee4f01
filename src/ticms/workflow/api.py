"""One API route per workflow table: POST /api/v1/<collection>/{id}/transitions/{name} (DESIGN §8).

No `from __future__ import annotations` here: django-ninja reads each handler's payload type from its annotation,
and the payload schema is made per table from the inputs it declares.
"""

from ninja import Router, Schema
from pydantic import create_model

from ticms.audit.signals import client_ip

from .endpoints import ENDPOINTS, Endpoint, fire


class TransitionIn(Schema):
    comment: str = ""
    # The state the caller saw; when the record has moved on meanwhile the answer is 409, not a second step.
    expected_state: str | None = None


def _payload_schema(ep: Endpoint):
    if not ep.inputs:
        return TransitionIn
    fields = {name: (kind | None, None) for name, kind in ep.inputs.items()}
    return create_model(f"{ep.name.title().replace('_', '')}TransitionIn", __base__=TransitionIn, **fields)


def _handler(ep: Endpoint):
    schema = _payload_schema(ep)
    load = ep.api_load or ep.load

    def transition(request, id: int, name: str, payload: schema = None):
        payload = payload or schema()
        record = fire(ep, request.auth, load(request.auth, id), name, comment=payload.comment,
                      expected_state=payload.expected_state, data=payload.dict(), ip=client_ip(request))
        return ep.as_json(load(request.auth, id) if ep.api_load else ep.load(request.auth, record.pk), request.auth)

    transition.__name__ = f"{ep.name}_transition"
    return transition


def build_router() -> Router:
    router = Router(tags=["transitions"])
    for ep in ENDPOINTS.values():
        router.add_api_operation(f"{ep.api_path}/transitions/{{name}}", ["POST"], _handler(ep), response=dict,
                                 summary=ep.summary or f"Fire a step of {ep.flow.model_label}")
    return router

