"""May this user edit this application? One answer on the page, in the service and in the API (Art. 9(2))."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import user_with_role
from ticms.accounts.models import Membership
from ticms.accounts.roles import Role
from ticms.applications import services
from ticms.applications.rights import may_attach, may_edit
from ticms.errors import ServiceError
from ticms.workflow.rights import text

from .factories import new_application, pdf, submitted_application

pytestmark = pytest.mark.django_db


def test_owner_may_edit_a_draft_and_sees_the_edit_link(client, applicant, organisation):
    app = new_application(applicant, organisation)
    assert may_edit(applicant, app) == (True, None)
    client.force_login(applicant)
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert f"/applications/{app.pk}/edit/" in page
    assert client.get(f"/applications/{app.pk}/edit/").status_code == 200


def test_owner_may_edit_again_when_returned(applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    app = services.transition_application(
        actor=county_officer, application=app, name="county_return", comment="请补充设备清单"
    )
    assert may_edit(applicant, app)[0] and may_attach(applicant, app)[0]
    services.update_application(actor=applicant, application=app, changes={"fixed_staff": 21})


def test_after_submission_the_owner_is_told_why_on_the_page(client, applicant, organisation):
    app = submitted_application(applicant, organisation)
    allowed, reason = may_edit(applicant, app)
    assert not allowed and reason.code == "not_editable" and reason.article == "9(2)"
    client.force_login(applicant)
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert f"/applications/{app.pk}/edit/" not in page
    assert "不能修改（第九条第（二）项）" in page
    refused = client.get(f"/applications/{app.pk}/edit/")
    assert refused.status_code == 403 and "不能修改（第九条第（二）项）" in refused.content.decode()


def test_after_submission_the_service_and_the_api_refuse_with_the_same_reason(client, applicant, organisation):
    app = submitted_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.update_application(actor=applicant, application=app, changes={"fixed_staff": 1})
    assert exc.value.status == 409 and exc.value.detail == text(may_edit(applicant, app)[1])
    client.force_login(applicant)
    body = client.get(f"/api/v1/applications/{app.pk}").json()
    assert body["may_edit"]["allowed"] is False and body["may_edit"]["reason"]["citation"] == "第九条第（二）项"
    response = client.patch(f"/api/v1/applications/{app.pk}", {"fixed_staff": 1}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["article"] == "9(2)" and "不能修改" in response.json()["detail"]


def test_another_organisation_may_not_edit(client, applicant, organisation, other_applicant):
    app = new_application(applicant, organisation)
    allowed, reason = may_edit(other_applicant, app)
    assert not allowed and reason.code == "forbidden"
    with pytest.raises(PermissionDenied):
        services.update_application(actor=other_applicant, application=app, changes={"fixed_staff": 1})
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=other_applicant, application=app, kind="other", upload=pdf())
    assert exc.value.status == 403
    client.force_login(other_applicant)
    assert (
        client.patch(f"/api/v1/applications/{app.pk}", {"fixed_staff": 1}, content_type="application/json").status_code
        == 404
    )


def test_county_officer_reads_but_may_not_edit(client, applicant, organisation, county_officer):
    app = new_application(applicant, organisation)
    assert may_edit(county_officer, app)[1].code == "forbidden"
    with pytest.raises(ServiceError) as exc:
        services.update_application(actor=county_officer, application=app, changes={"fixed_staff": 1})
    assert exc.value.status == 403 and exc.value.article == "9(2)"
    client.force_login(county_officer)
    page = client.get(f"/applications/{app.pk}/").content.decode()
    # No edit link, and no note about a right the officer never had.
    assert f"/applications/{app.pk}/edit/" not in page and 'id="edit-note"' not in page
    assert client.get(f"/applications/{app.pk}/edit/").status_code == 403
    response = client.patch(f"/api/v1/applications/{app.pk}", {"fixed_staff": 1}, content_type="application/json")
    assert response.status_code == 403 and response.json()["error"] == "forbidden"


def test_county_officer_who_is_also_another_organisations_applicant_may_not_edit(
    applicant, organisation, county, other_organisation
):
    app = new_application(applicant, organisation)
    both = user_with_role(Role.COUNTY_OFFICER, competent_unit=county)
    Membership.objects.create(user=both, role=Role.APPLICANT, organisation=other_organisation)
    assert not may_edit(both, app)[0]
    with pytest.raises(ServiceError):
        services.update_application(actor=both, application=app, changes={"fixed_staff": 1})


def test_applicant_who_is_also_a_county_officer_edits_as_the_applicant(applicant, organisation, county):
    app = new_application(applicant, organisation)
    Membership.objects.create(user=applicant, role=Role.COUNTY_OFFICER, competent_unit=county)
    applicant.refresh_from_db()
    assert may_edit(applicant, app)[0]
    services.update_application(actor=applicant, application=app, changes={"fixed_staff": 7})
