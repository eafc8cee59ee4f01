"""A two-step request used only by the tests of the workflow core."""

from django.db import models

from ticms.accounts.models import Organisation
from ticms.accounts.scope import ScopedQuerySet, ScopePaths
from ticms.workflow.fields import StateField, StateModel


class Request(StateModel, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    amount = models.IntegerField(default=0)
    approvals = models.IntegerField(default=0)
    state = StateField(max_length=20, default="draft", choices=[
        ("draft", "草稿"), ("submitted", "已提交"), ("approved", "已批准"), ("rejected", "未通过"),
    ])

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(organisation=("organisation",), competent_unit=("organisation__competent_unit",))
