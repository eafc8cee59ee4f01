"""Authorization by record in the evaluation flow (see tests/workflow/test_acts_for_record.py)."""

import pytest

from ticms.accounts.models import Membership
from ticms.accounts.roles import Role
from ticms.evaluations import services as evaluations
from ticms.workflow.core import WorkflowError

from ..factories import user_with_role
from .factories import full_data


def test_applicant_elsewhere_cannot_submit_evaluation_materials_of_a_center_in_their_county(
        evaluation, county):
    user = user_with_role(Role.COUNTY_OFFICER, competent_unit=county)
    Membership.objects.create(user=user, role=Role.APPLICANT,
                              organisation=user_with_role(Role.APPLICANT).memberships.get().organisation)
    evaluations.update_materials(
        actor=user_with_role(Role.APPLICANT, organisation=evaluation.center.host_unit), evaluation=evaluation,
        self_assessment="运行良好。", indicator_data=full_data(evaluation))
    with pytest.raises(WorkflowError) as exc:
        evaluations.transition_evaluation(actor=user, evaluation=evaluation, name="submit")
    assert exc.value.reasons[0].code == "not_your_record"
