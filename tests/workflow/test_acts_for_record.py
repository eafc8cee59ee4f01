"""Authorization by record: a step needs its role *for this record's* organisation or competent unit.

Found from outside: a user holding two roles (county officer of one unit, applicant of one organisation) withdrew
another organisation's application, because the applicant step only checked "is an applicant somewhere".
"""

import pytest

from tests.applications.factories import submitted_application
from ticms.accounts.models import Membership
from ticms.accounts.roles import Role
from ticms.applications import services as applications
from ticms.applications.workflow import APPLICATION_FLOW
from ticms.workflow.core import WorkflowError

from ..factories import user_with_role


@pytest.fixture
def county_and_foreign_applicant(county, other_organisation):
    """County officer of `county` (so sees its applications) and applicant of an organisation of another county."""
    user = user_with_role(Role.COUNTY_OFFICER, competent_unit=county)
    Membership.objects.create(user=user, role=Role.APPLICANT, organisation=other_organisation)
    return user


@pytest.fixture
def applicant_and_foreign_county(organisation, other_county):
    """Applicant of `organisation` and county officer of another county."""
    user = user_with_role(Role.APPLICANT, organisation=organisation)
    Membership.objects.create(user=user, role=Role.COUNTY_OFFICER, competent_unit=other_county)
    return user


@pytest.fixture
def app(applicant, organisation):
    return submitted_application(applicant, organisation)


def test_applicant_elsewhere_cannot_withdraw_an_application_they_only_see_as_county_officer(
        app, county_and_foreign_applicant):
    with pytest.raises(WorkflowError) as exc:
        applications.transition_application(actor=county_and_foreign_applicant, application=app, name="withdraw")
    assert exc.value.status == 403
    assert exc.value.reasons[0].code == "not_your_record"
    app.refresh_from_db()
    assert app.state == "submitted"


def test_the_same_user_may_still_recommend_as_the_records_county_officer(app, county_and_foreign_applicant):
    app = applications.transition_application(actor=county_and_foreign_applicant, application=app,
                                              name="county_recommend")
    assert app.state == "recommended"


def test_county_officer_elsewhere_cannot_recommend_their_own_organisations_application(
        applicant_and_foreign_county, organisation):
    app = submitted_application(applicant_and_foreign_county, organisation)
    with pytest.raises(WorkflowError) as exc:
        applications.transition_application(actor=applicant_and_foreign_county, application=app,
                                            name="county_recommend")
    assert exc.value.reasons[0].code == "not_your_record"
    # …while as the applicant of that organisation they may withdraw it.
    assert applications.transition_application(actor=applicant_and_foreign_county, application=app,
                                               name="withdraw").state == "withdrawn"


def test_the_page_shows_the_step_refused_with_the_reason(app, county_and_foreign_applicant):
    steps = {a.name: a for a in APPLICATION_FLOW.available(county_and_foreign_applicant, app)}
    assert steps["withdraw"].allowed is False
    assert steps["withdraw"].reasons[0].code == "not_your_record"
    assert steps["county_recommend"].allowed is True


def test_the_api_refuses_with_403(client, app, county_and_foreign_applicant):
    client.force_login(county_and_foreign_applicant)
    response = client.post(f"/api/v1/applications/{app.pk}/transitions/withdraw", {},
                           content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"][0]["code"] == "not_your_record"
