import datetime

import pytest

from ticms.centers.models import CenterStatus
from ticms.centers.services import change_status, create_center
from ticms.centers.workflow import CENTER_FLOW
from ticms.errors import ServiceError
from ticms.workflow.core import WorkflowError

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(bureau_officer, organisation):
    return create_center(
        actor=bureau_officer,
        role="bureau_officer",
        official_name="朔州市储能技术创新中心",
        category="domain",
        field="储能",
        host_unit=organisation,
        lead_unit=organisation,
        recognized_on=datetime.date(2026, 3, 2),
    )


def test_center_flow_matches_fsm():
    assert CENTER_FLOW.check_complete() == []


def test_create_center_starts_history(center):
    assert center.status == CenterStatus.ACTIVE
    assert [(c.from_status, c.to_status) for c in center.status_changes.all()] == [("", "active")]


def test_duplicate_official_name_refused(center, bureau_officer, organisation):
    with pytest.raises(ServiceError) as exc:
        create_center(
            actor=bureau_officer,
            role="bureau_officer",
            official_name=center.official_name,
            category="domain",
            field="储能",
            host_unit=organisation,
            lead_unit=organisation,
            recognized_on=datetime.date(2026, 3, 2),
        )
    assert exc.value.status == 409


def test_revoke_needs_reason_and_bureau_role(center, bureau_officer, applicant):
    with pytest.raises(WorkflowError):
        change_status(actor=applicant, center=center, transition="revoke", comment="申请撤销")
    with pytest.raises(WorkflowError):
        change_status(actor=bureau_officer, center=center, transition="revoke", comment="")
    revoked = change_status(actor=bureau_officer, center=center, transition="revoke", comment="依托单位申请撤销")
    assert revoked.status == CenterStatus.REVOKED
    last = revoked.status_changes.last()
    assert (last.from_status, last.to_status, last.reason, last.article) == (
        "active",
        "revoked",
        "依托单位申请撤销",
        "5(4)",
    )


def test_revocation_outside_evaluation_keeps_center_and_history(center, bureau_officer, client):
    client.force_login(bureau_officer)
    response = client.post(f"/centers/{center.pk}/transitions/revoke/",
                           {"comment": "依托单位申请撤销", "expected_state": "active"})
    assert response.status_code == 302
    center.refresh_from_db()
    assert center.status == CenterStatus.REVOKED
    assert [c.to_status for c in center.status_changes.all()] == ["active", "revoked"]
    page = client.get(f"/centers/{center.pk}/manage/").content.decode()
    assert "依托单位申请撤销" in page


def test_revoked_center_stays_in_public_directory_marked(center, bureau_officer, client):
    change_status(actor=bureau_officer, center=center, transition="revoke", comment="依托单位申请撤销")
    page = client.get("/centers/").content.decode()
    assert center.official_name in page
    assert 'data-state="revoked"' in page


def test_page_offers_only_revocation_among_status_actions(center, bureau_officer, client):
    client.force_login(bureau_officer)
    response = client.post(f"/centers/{center.pk}/transitions/start_rectification/", {"comment": "x"})
    assert response.status_code == 403
    center.refresh_from_db()
    assert center.status == CenterStatus.ACTIVE


def test_applicant_cannot_revoke_through_the_page(center, applicant, client):
    client.force_login(applicant)
    client.post(f"/centers/{center.pk}/transitions/revoke/", {"comment": "撤销"})
    center.refresh_from_db()
    assert center.status == CenterStatus.ACTIVE


@pytest.mark.parametrize("name", ["start_rectification", "end_rectification", "activate"])
def test_status_steps_of_other_flows_are_refused_through_the_api(client, center, bureau_officer, name):
    """Rectification follows an evaluation (Art. 16), activation an upgrade application (Art. 11)."""
    from tests.centers.test_api import call

    response = call(client, bureau_officer, "post", f"/centers/{center.pk}/transitions/{name}", {"comment": "x"})
    assert response.status_code == 403
    assert response.json()["detail"][0]["code"] == "internal_step"
    center.refresh_from_db()
    assert center.status == CenterStatus.ACTIVE
