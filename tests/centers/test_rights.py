"""May this user edit this center, change request or filing? (Art. 4, 7, 15)"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import user_with_role
from ticms.accounts.models import Membership
from ticms.accounts.roles import Role
from ticms.centers import operations
from ticms.centers.rights import may_edit, may_edit_change, may_edit_filing
from ticms.centers.services import change_status
from ticms.errors import ServiceError

from .factories import make_center

pytestmark = pytest.mark.django_db


def draft_change(center, user):
    return operations.create_change_request(
        actor=user, center=center, kind="rename", new_name="朔州市新型储能技术创新中心", reasons="业务拓展"
    )


def test_host_unit_may_edit_a_draft_change_request(client, center, applicant):
    cr = draft_change(center, applicant)
    assert may_edit_change(applicant, cr) == (True, None)
    client.force_login(applicant)
    assert f"/centers/changes/{cr.pk}/edit/" in client.get(cr.get_absolute_url()).content.decode()
    assert client.get(f"/api/v1/change-requests/{cr.pk}").json()["may_edit"]["allowed"] is True


def test_returned_change_request_is_editable_again(center, applicant, county_officer):
    cr = draft_change(center, applicant)
    cr = operations.transition_change(actor=applicant, change_request=cr, name="submit")
    cr = operations.transition_change(actor=county_officer, change_request=cr, name="county_return", comment="补")
    assert may_edit_change(applicant, cr)[0]
    operations.update_change_request(actor=applicant, change_request=cr, reasons="理由已补充")


def test_submitted_change_request_is_closed_with_the_reason(client, center, applicant):
    cr = operations.transition_change(actor=applicant, change_request=draft_change(center, applicant), name="submit")
    allowed, reason = may_edit_change(applicant, cr)
    assert not allowed and reason.article == "15"
    with pytest.raises(ServiceError) as exc:
        operations.update_change_request(actor=applicant, change_request=cr, reasons="改")
    assert exc.value.status == 409 and "不能再修改（第十五条）" in exc.value.detail
    client.force_login(applicant)
    assert client.get(f"/centers/changes/{cr.pk}/edit/").status_code == 403
    response = client.patch(f"/api/v1/change-requests/{cr.pk}", {"reasons": "改"}, content_type="application/json")
    assert response.status_code == 409 and response.json()["citation"] == "第十五条"


def test_lead_unit_member_reads_but_may_not_edit(client, organisation, third_organisation, applicant):
    center = make_center(third_organisation, lead_unit=organisation)
    host = user_with_role(Role.APPLICANT, organisation=third_organisation)
    cr = draft_change(center, host)
    assert may_edit_change(applicant, cr)[1].code == "forbidden"
    assert may_edit(applicant, center)[1].code == "forbidden"
    with pytest.raises(PermissionDenied):
        operations.update_change_request(actor=applicant, change_request=cr, reasons="改")
    client.force_login(applicant)
    assert f"/centers/changes/{cr.pk}/edit/" not in client.get(cr.get_absolute_url()).content.decode()
    response = client.patch(f"/api/v1/change-requests/{cr.pk}", {"reasons": "改"}, content_type="application/json")
    assert response.status_code == 403 and response.json()["article"] == "7"


def test_another_organisation_may_not_edit(center, applicant, other_applicant):
    cr = draft_change(center, applicant)
    assert not may_edit_change(other_applicant, cr)[0] and not may_edit(other_applicant, center)[0]
    with pytest.raises(PermissionDenied):
        operations.add_change_attachment(actor=other_applicant, change_request=cr, upload=None)


def test_filing_is_editable_only_when_returned(center, applicant, bureau_officer, other_applicant):
    filing = operations.submit_filing(
        actor=applicant,
        center=center,
        kind="director",
        person_name="张主任",
        person_title="研究员",
        appointed_on=datetime.date(2026, 1, 5),
    )
    assert may_edit_filing(applicant, filing)[1].code == "not_editable"
    with pytest.raises(ServiceError) as exc:
        operations.resubmit_filing(actor=applicant, filing=filing, person_title="正高级工程师")
    assert exc.value.status == 409
    filing = operations.transition_filing(actor=bureau_officer, filing=filing, name="return_filing", comment="补")
    assert may_edit_filing(applicant, filing)[0]
    assert may_edit_filing(other_applicant, filing)[1].code == "forbidden"
    assert may_edit_filing(bureau_officer, filing)[1].code == "forbidden"


def test_revoked_center_is_read_only_even_for_its_host(center, applicant, bureau_officer):
    center = change_status(
        actor=bureau_officer, center=center, transition="revoke", comment="考核不合格", article="5(4)"
    )
    allowed, reason = may_edit(applicant, center)
    assert not allowed and reason.code == "center_revoked"


def test_county_officer_who_is_also_the_host_applicant_edits_as_the_host(center, applicant, county):
    Membership.objects.create(user=applicant, role=Role.COUNTY_OFFICER, competent_unit=county)
    applicant.refresh_from_db()
    assert may_edit(applicant, center)[0]
    officer_only = user_with_role(Role.COUNTY_OFFICER, competent_unit=county)
    assert not may_edit(officer_only, center)[0]
