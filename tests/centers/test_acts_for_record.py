"""Authorization by record in the registry's flows: a role held for another organisation or county is not enough."""

import pytest

from ticms.accounts.models import Membership
from ticms.accounts.roles import Role
from ticms.centers import operations
from ticms.workflow.core import WorkflowError

from ..factories import user_with_role


@pytest.fixture
def change(center, applicant):
    return operations.create_change_request(actor=applicant, center=center, kind="rename",
                                           new_name="朔州市新型储能技术创新中心", reasons="拓展研究方向")


def test_county_officer_who_is_applicant_elsewhere_cannot_submit_this_centers_change(change, county,
                                                                                    other_organisation):
    user = user_with_role(Role.COUNTY_OFFICER, competent_unit=county)
    Membership.objects.create(user=user, role=Role.APPLICANT, organisation=other_organisation)
    with pytest.raises(WorkflowError) as exc:
        operations.transition_change(actor=user, change_request=change, name="submit")
    assert exc.value.status == 403
    change.refresh_from_db()
    assert change.state == "draft"


def test_applicant_who_is_county_officer_elsewhere_cannot_agree_to_their_own_centers_change(
        change, applicant, organisation, other_county):
    operations.transition_change(actor=applicant, change_request=change, name="submit")
    user = user_with_role(Role.APPLICANT, organisation=organisation)
    Membership.objects.create(user=user, role=Role.COUNTY_OFFICER, competent_unit=other_county)
    with pytest.raises(WorkflowError) as exc:
        operations.transition_change(actor=user, change_request=change, name="county_agree")
    assert exc.value.reasons[0].code == "not_your_record"
    change.refresh_from_db()
    assert change.state == "submitted"
