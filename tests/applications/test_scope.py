"""Who sees which application, on the page, in the list and in the API (DESIGN §2)."""

import pytest

from ticms.applications.models import Application
from ticms.applications.selectors import applications_visible_to

from .factories import new_application, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(applicant, organisation):
    return new_application(applicant, organisation)


@pytest.fixture
def other_app(other_applicant, other_organisation):
    return new_application(other_applicant, other_organisation)


def see(client, user, app) -> tuple[int, int, bool]:
    client.force_login(user)
    page = client.get(f"/applications/{app.pk}/").status_code
    api = client.get(f"/api/v1/applications/{app.pk}").status_code
    listed = app in applications_visible_to(user)
    return page, api, listed


def test_applicant_sees_own_application(client, applicant, app):
    assert see(client, applicant, app) == (200, 200, True)


def test_applicant_gets_404_for_other_organisations_application(client, applicant, other_app):
    assert see(client, applicant, other_app) == (404, 404, False)


def test_host_unit_member_sees_application_led_by_another_unit(client, applicant, organisation, other_applicant,
                                                                other_organisation):
    from ticms.accounts.models import Membership
    from ticms.applications import services

    Membership.objects.create(user=other_applicant, role="applicant", organisation=organisation)
    app = new_application(other_applicant, other_organisation)
    services.update_application(actor=other_applicant, application=app, changes={}, host_unit_id=organisation.pk)
    assert see(client, applicant, app)[0] == 200


def test_county_officer_sees_applications_of_own_county(client, county_officer, app):
    assert see(client, county_officer, app) == (200, 200, True)


def test_county_officer_gets_404_for_other_county(client, other_county_officer, app):
    assert see(client, other_county_officer, app) == (404, 404, False)


def test_bureau_officer_sees_all(client, bureau_officer, app, other_app):
    assert see(client, bureau_officer, app) == (200, 200, True)
    assert see(client, bureau_officer, other_app) == (200, 200, True)


def test_expert_sees_nothing_before_a_panel(client, expert_user, app):
    assert see(client, expert_user, app) == (404, 404, False)


@pytest.mark.parametrize("admin", ["system_admin", "security_admin", "audit_admin"])
def test_administrators_see_no_application(client, request, admin, app):
    assert see(client, request.getfixturevalue(admin), app) == (404, 404, False)


def test_anonymous_is_sent_to_login_and_api_answers_401(client, app):
    assert client.get(f"/applications/{app.pk}/").status_code == 302
    assert client.get(f"/api/v1/applications/{app.pk}").status_code == 401


def test_attachment_download_is_scoped(client, applicant, other_applicant, county_officer, app):
    from ticms.applications import services

    att = services.add_attachment(actor=applicant, application=app, kind="business_licence", upload=pdf())
    url = f"/applications/{app.pk}/attachments/{att.pk}/"
    client.force_login(applicant)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(county_officer)
    assert client.get(url).status_code == 200
    client.force_login(other_applicant)
    assert client.get(url).status_code == 404


def test_media_url_does_not_serve_attachments(client, applicant, app):
    from ticms.applications import services

    att = services.add_attachment(actor=applicant, application=app, kind="business_licence", upload=pdf())
    client.force_login(applicant)
    assert client.get(f"/media/{att.file.name}").status_code == 404


def test_county_officer_of_other_county_cannot_transition_page_or_api(client, other_county_officer, applicant,
                                                                      organisation):
    from .factories import submitted_application

    app = submitted_application(applicant, organisation)
    client.force_login(other_county_officer)
    assert client.post(f"/applications/{app.pk}/transitions/county_recommend/").status_code == 404
    response = client.post(f"/api/v1/applications/{app.pk}/transitions/county_recommend", {},
                           content_type="application/json")
    assert response.status_code == 404
    app.refresh_from_db()
    assert app.state == "submitted"


def test_expert_sees_application_only_after_declaring_no_conflict(client, bureau_officer, expert_user, app):
    from ticms.reviews.models import Assignment
    from ticms.reviews.services import create_expert, declare, form_panel

    create_expert(actor=bureau_officer, name="周教授", fields=["碳基新材料"], user=expert_user)
    Application.objects.filter(pk=app.pk).update(state="expert_review")  # panels are drawn in expert review only
    form_panel(actor=bureau_officer, subject=app, size=1, field="碳基新材料", excluded_org_ids=[app.lead_unit_id],
               purpose="recognition")
    assert see(client, expert_user, app) == (404, 404, False)
    declare(actor=expert_user, assignment=Assignment.objects.get(), no_conflict=True)
    assert see(client, expert_user, app) == (200, 200, True)
