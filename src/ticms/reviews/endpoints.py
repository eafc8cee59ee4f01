"""How an expert's declaration (no conflict, or recusal) is reached from pages and the API."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from ticms.accounts.roles import Role
from ticms.workflow.endpoints import Endpoint, register

from .api import assignment_dict
from .models import Assignment
from .workflow import ASSIGNMENT_FLOW

TOLD = {"declare_no_conflict": "已声明无利益冲突，可以查看材料并提交意见。",
        "recuse": "已提交回避申请，市科技局将另行抽取专家替补。"}


def own_assignment(user, pk: int) -> Assignment:
    qs = Assignment.objects.visible_to(user, role=Role.EXPERT).select_related("panel", "expert")
    return get_object_or_404(qs, pk=pk)


def register_all() -> None:
    register(Endpoint(ASSIGNMENT_FLOW, "assignment", "reviews/assignments/<int:pk>", "/assignments/{id}",
                      load=own_assignment, as_json=assignment_dict,
                      done_url=lambda a: reverse("reviews:assignment_detail", args=[a.pk]),
                      messages=lambda name, before, after: [("success", TOLD[name])]))
