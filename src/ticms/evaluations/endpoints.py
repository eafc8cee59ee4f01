"""How the evaluation round, evaluation and rectification workflows are reached from pages and the API."""

from datetime import date

from ticms.accounts.scope import get_visible_or_404
from ticms.errors import ServiceError
from ticms.workflow.endpoints import Endpoint, register

from .api import evaluation_dict, round_dict
from .models import Rectification
from .selectors import evaluations_visible_to, rounds_visible_to
from .workflow import EVALUATION_FLOW, RECTIFICATION_FLOW, ROUND_FLOW


def _round(user, pk: int):
    return get_visible_or_404(rounds_visible_to(user), user, pk=pk)


def _evaluation(user, pk: int):
    return get_visible_or_404(evaluations_visible_to(user), user, pk=pk)


def _rectification(user, pk: int):
    return get_visible_or_404(Rectification.objects.select_related("evaluation"), user, pk=pk)


def _rectification_of_evaluation(user, evaluation_id: int):
    rect = getattr(_evaluation(user, evaluation_id), "rectification", None)
    if rect is None:
        raise ServiceError("no_rectification", "该评估没有整改要求。", status=404)
    return rect


def register_all() -> None:
    register(Endpoint(ROUND_FLOW, "evaluation_round", "evaluations/rounds/<int:pk>", "/evaluation-rounds/{id}",
                      load=_round, as_json=round_dict))
    register(Endpoint(EVALUATION_FLOW, "evaluation", "evaluations/<int:pk>", "/evaluations/{id}",
                      load=_evaluation, as_json=evaluation_dict, inputs={"grade": str, "deadline": date}))
    register(Endpoint(RECTIFICATION_FLOW, "rectification", "evaluations/rectifications/<int:pk>",
                      "/evaluations/{id}/rectification", load=_rectification,
                      api_load=_rectification_of_evaluation,
                      as_json=lambda rect, user: evaluation_dict(rect.evaluation, user)))
