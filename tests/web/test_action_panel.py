"""The action panel posts the chosen outcome to the same generic transition view as before."""

import re

import pytest

from tests.applications.factories import submitted_application

pytestmark = pytest.mark.django_db


def panel(html: str) -> str:
    return re.search(r'<form method="post" action="[^"]*" class="ticms-action-panel".*?</form>', html, re.S).group(0)


def test_county_officer_recommends_by_choosing_the_outcome_in_the_panel(
    client, applicant, organisation, county_officer
):
    app = submitted_application(applicant, organisation)
    client.force_login(county_officer)
    form = panel(client.get(f"/applications/{app.pk}/").content.decode())
    action = re.search(r'action="([^"]*)"', form).group(1)
    assert action == f"/applications/{app.pk}/transitions/"
    assert form.count("<textarea") == 1 and form.count('type="submit"') == 1
    response = client.post(
        action, {"transition": "county_recommend", "comment": "同意推荐", "expected_state": "submitted"}, follow=True
    )
    assert "已完成：审核通过并推荐" in response.content.decode()
    app.refresh_from_db()
    assert app.state == "recommended"


def test_dangerous_outcome_is_red_and_names_its_consequence(client, applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    client.force_login(county_officer)
    form = panel(client.get(f"/applications/{app.pk}/").content.decode())
    reject = re.search(r'<input[^>]*value="county_reject"[^>]*>', form, re.S).group(0)
    assert "data-dangerous" in reject and "此操作无法撤销" in reject
    assert "window.confirm" not in form


def test_panel_without_a_choice_says_so_and_changes_nothing(client, applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    client.force_login(county_officer)
    response = client.post(f"/applications/{app.pk}/transitions/", {"expected_state": "submitted"}, follow=True)
    assert "请先选择办理结果" in response.content.decode()
    app.refresh_from_db()
    assert app.state == "submitted"
