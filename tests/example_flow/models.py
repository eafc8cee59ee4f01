"""A two-step request used only by the tests of the workflow core."""

from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from ticms.accounts.models import Organisation
from ticms.accounts.scope import ScopedQuerySet, ScopePaths


class Request(FSMModelMixin, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    amount = models.IntegerField(default=0)
    approvals = models.IntegerField(default=0)
    state = FSMField(default="draft", protected=True, choices=[
        ("draft", "草稿"), ("submitted", "已提交"), ("approved", "已批准"), ("rejected", "未通过"),
    ])

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(organisation=("organisation",), competent_unit=("organisation__competent_unit",))

    @transition(field=state, source="draft", target="submitted")
    def submit(self):
        pass

    @transition(field=state, source="submitted", target="approved")
    def approve(self):
        pass

    @transition(field=state, source="submitted", target="rejected")
    def reject(self):
        pass
