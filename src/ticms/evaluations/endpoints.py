"""How the evaluation round, evaluation and rectification workflows are reached from pages and the API."""

from datetime import date

from ticms.accounts.scope import get_visible_or_404
from ticms.workflow.endpoints import Endpoint, register

from .api import evaluation_dict, evaluation_for, rectification_of, round_dict
from .models import Rectification
from .selectors import rounds_visible_to
from .workflow import EVALUATION_FLOW, RECTIFICATION_FLOW, ROUND_FLOW


def _round(user, pk: int):
    return get_visible_or_404(rounds_visible_to(user), user, pk=pk)


def _rectification(user, pk: int):
    return get_visible_or_404(Rectification.objects.select_related("evaluation"), user, pk=pk)


def register_all() -> None:
    register(Endpoint(ROUND_FLOW, "evaluation_round", "evaluations/rounds/<int:pk>", "/evaluation-rounds/{id}",
                      load=_round, as_json=round_dict))
    register(Endpoint(EVALUATION_FLOW, "evaluation", "evaluations/<int:pk>", "/evaluations/{id}",
                      load=evaluation_for, as_json=evaluation_dict, inputs={"grade": str, "deadline": date}))
    register(Endpoint(RECTIFICATION_FLOW, "rectification", "evaluations/rectifications/<int:pk>",
                      "/evaluations/{id}/rectification", load=_rectification,
                      api_load=rectification_of,
                      as_json=lambda rect, user: evaluation_dict(rect.evaluation, user)))
