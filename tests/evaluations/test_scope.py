"""Who may see an evaluation, on pages and in the API: every role both ways."""

import pytest

from tests.factories import user_with_role
from ticms.accounts.roles import Role
from ticms.evaluations.selectors import evaluations_visible_to, rounds_visible_to

from .factories import form_panel, forward, make_experts, submit_materials

pytestmark = pytest.mark.django_db


def _visible(user, evaluation):
    return evaluations_visible_to(user).filter(pk=evaluation.pk).exists()


def test_host_unit_applicant_sees_own_evaluation_only(applicant, evaluation, other_evaluation):
    assert _visible(applicant, evaluation) and not _visible(applicant, other_evaluation)


def test_county_officer_sees_own_jurisdiction_only(county_officer, evaluation, other_evaluation):
    assert _visible(county_officer, evaluation) and not _visible(county_officer, other_evaluation)


def test_bureau_officer_sees_every_evaluation(bureau_officer, evaluation, other_evaluation):
    assert _visible(bureau_officer, evaluation) and _visible(bureau_officer, other_evaluation)


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.EXPERT])
def test_admins_and_unassigned_experts_see_no_evaluation(role, evaluation):
    assert not _visible(user_with_role(role), evaluation)


def test_expert_sees_panel_evaluation_only_after_declaring_no_conflict(
        applicant, county_officer, bureau_officer, evaluation, other_evaluation):
    from ticms.reviews import services as reviews

    submit_materials(applicant, evaluation)
    forward(county_officer, evaluation)
    experts = make_experts(bureau_officer, 1)
    panel = form_panel(bureau_officer, evaluation, 1)
    expert = experts[0]
    assert not _visible(expert, evaluation)
    reviews.declare(actor=expert, assignment=panel.assignments.get(), no_conflict=True)
    assert _visible(expert, evaluation) and not _visible(expert, other_evaluation)


def test_applicant_sees_only_rounds_with_own_centers(applicant, round_, bureau_officer):
    assert list(rounds_visible_to(applicant)) == [round_]
    stranger = user_with_role(Role.APPLICANT)
    assert list(rounds_visible_to(stranger)) == []


@pytest.mark.parametrize("who, status", [("applicant", 200), ("county_officer", 200), ("bureau_officer", 200),
                                         ("other_applicant", 404), ("other_county_officer", 404)])
def test_evaluation_page_scope(client, request, evaluation, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(evaluation.get_absolute_url()).status_code == status


@pytest.mark.parametrize("who, status", [("applicant", 200), ("bureau_officer", 200), ("other_applicant", 404),
                                         ("other_county_officer", 404), ("system_admin", 404)])
def test_evaluation_api_scope(client, request, evaluation, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/api/v1/evaluations/{evaluation.pk}").status_code == status


def test_anonymous_is_sent_to_login(client, evaluation):
    response = client.get(evaluation.get_absolute_url())
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_round_results_show_only_visible_centers(client, county_officer, round_, evaluation, other_evaluation):
    client.force_login(county_officer)
    page = client.get(f"/evaluations/rounds/{round_.pk}/results/").content.decode()
    assert evaluation.center.official_name in page and other_evaluation.center.official_name not in page


def test_only_bureau_may_open_round_page(client, applicant, bureau_officer, center):
    client.force_login(applicant)
    assert client.get("/evaluations/rounds/new/").status_code == 403
    client.force_login(bureau_officer)
    assert client.get("/evaluations/rounds/new/").status_code == 200
