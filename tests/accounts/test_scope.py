"""Scope: every role both ways, on the example flow's records (the real flows test theirs too)."""

import pytest

from tests.example_flow.models import Request
from tests.factories import OrganisationFactory
from ticms.accounts.roles import Role
from ticms.accounts.scope import get_visible_or_404, scope_q

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(organisation):
    return Request.objects.create(organisation=organisation)


@pytest.fixture
def theirs(other_organisation):
    return Request.objects.create(organisation=other_organisation)


def visible(user):
    return set(Request.objects.visible_to(user).values_list("pk", flat=True))


def test_applicant_sees_only_own_organisation(applicant, mine, theirs):
    assert visible(applicant) == {mine.pk}


def test_applicant_of_two_organisations_sees_both(applicant, mine, other_organisation, theirs):
    from ticms.accounts.models import Membership

    Membership.objects.create(user=applicant, role=Role.APPLICANT, organisation=other_organisation)
    applicant.forget_roles()
    assert visible(applicant) == {mine.pk, theirs.pk}


def test_county_officer_sees_only_own_county(county_officer, mine, theirs):
    same_county_other_org = Request.objects.create(
        organisation=OrganisationFactory(competent_unit=mine.organisation.competent_unit)
    )
    assert visible(county_officer) == {mine.pk, same_county_other_org.pk}


def test_bureau_officer_sees_all(bureau_officer, mine, theirs):
    assert visible(bureau_officer) == {mine.pk, theirs.pk}


@pytest.mark.parametrize("role_fixture", ["expert_user", "system_admin", "security_admin", "audit_admin"])
def test_roles_without_a_path_see_nothing(request, role_fixture, mine, theirs):
    assert visible(request.getfixturevalue(role_fixture)) == set()


def test_anonymous_sees_nothing_without_public_filter(mine):
    from django.contrib.auth.models import AnonymousUser

    assert not Request.objects.visible_to(AnonymousUser()).exists()


def test_acting_in_one_role_limits_to_that_role(applicant, mine, theirs, bureau_officer):
    from ticms.accounts.models import Membership

    Membership.objects.create(user=applicant, role=Role.BUREAU_OFFICER)
    applicant.forget_roles()
    assert visible(applicant) == {mine.pk, theirs.pk}
    assert set(Request.objects.filter(scope_q(Request, applicant, Role.APPLICANT)).values_list("pk", flat=True)) == {
        mine.pk
    }


def test_get_visible_or_404(applicant, mine, theirs):
    from django.http import Http404

    assert get_visible_or_404(Request, applicant, pk=mine.pk) == mine
    with pytest.raises(Http404):
        get_visible_or_404(Request, applicant, pk=theirs.pk)
