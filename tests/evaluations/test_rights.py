"""May this user edit these evaluation materials or this rectification report? (Art. 7, 16)"""

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import user_with_role
from ticms.accounts.models import Membership
from ticms.accounts.roles import Role
from ticms.errors import ServiceError
from ticms.evaluations import services
from ticms.evaluations.rights import may_edit

from .factories import submit_materials

pytestmark = pytest.mark.django_db


def test_host_unit_may_edit_pending_materials(client, applicant, evaluation):
    assert may_edit(applicant, evaluation) == (True, None)
    client.force_login(applicant)
    assert f"/evaluations/{evaluation.pk}/materials/" in client.get(f"/evaluations/{evaluation.pk}/").content.decode()
    body = client.get(f"/api/v1/evaluations/{evaluation.pk}").json()
    assert body["may_edit"] == {"allowed": True, "reason": None}


def test_host_unit_may_edit_again_when_returned(applicant, county_officer, evaluation):
    ev = submit_materials(applicant, evaluation)
    ev = services.transition_evaluation(actor=county_officer, evaluation=ev, name="county_return", comment="补充")
    assert may_edit(applicant, ev)[0]
    services.update_materials(actor=applicant, evaluation=ev, self_assessment="已补充。")


def test_after_submission_the_reason_is_on_the_page_and_in_the_api(client, applicant, evaluation):
    ev = submit_materials(applicant, evaluation)
    allowed, reason = may_edit(applicant, ev)
    assert not allowed and reason.article == "16"
    with pytest.raises(ServiceError) as exc:
        services.update_materials(actor=applicant, evaluation=ev, self_assessment="改")
    assert exc.value.status == 409 and "材料不能再修改（第十六条）" in exc.value.detail
    client.force_login(applicant)
    page = client.get(f"/evaluations/{ev.pk}/").content.decode()
    assert 'id="edit-materials"' not in page and "材料不能再修改（第十六条）" in page
    refused = client.get(f"/evaluations/{ev.pk}/materials/")
    assert refused.status_code == 403 and "材料不能再修改（第十六条）" in refused.content.decode()
    response = client.patch(f"/api/v1/evaluations/{ev.pk}", {"self_assessment": "改"}, content_type="application/json")
    assert response.status_code == 409 and response.json()["citation"] == "第十六条"


def test_another_host_unit_may_not_edit(other_applicant, evaluation):
    assert may_edit(other_applicant, evaluation)[1].code == "forbidden"
    with pytest.raises(PermissionDenied):
        services.update_materials(actor=other_applicant, evaluation=evaluation, self_assessment="x")


def test_county_officer_may_not_edit(client, county_officer, evaluation):
    assert not may_edit(county_officer, evaluation)[0]
    client.force_login(county_officer)
    page = client.get(f"/evaluations/{evaluation.pk}/").content.decode()
    assert 'id="edit-materials"' not in page and 'id="edit-note"' not in page
    response = client.patch(
        f"/api/v1/evaluations/{evaluation.pk}", {"self_assessment": "x"}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["article"] == "7"


def test_two_roles_edit_only_where_the_applicant_role_is_held(evaluation, other_evaluation, organisation, county):
    # Applicant of the evaluated center's host unit and county officer of the same county.
    both = user_with_role(Role.APPLICANT, organisation=organisation)
    Membership.objects.create(user=both, role=Role.COUNTY_OFFICER, competent_unit=county)
    assert may_edit(both, evaluation)[0]
    assert not may_edit(both, other_evaluation)[0]
    with pytest.raises(ServiceError):
        services.update_materials(actor=both, evaluation=other_evaluation, self_assessment="x")
