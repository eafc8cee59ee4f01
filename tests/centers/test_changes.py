"""Change requests (Art. 7(4), 15): each kind applied on approval with its history; refusals cite the article."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ticms.audit.models import Event
from ticms.centers import operations
from ticms.centers.changes import describe
from ticms.centers.models import CenterChange, ChangeState, LegalForm
from ticms.centers.workflow import CHANGE_FLOW
from ticms.errors import ServiceError
from ticms.workflow.core import WorkflowError

pytestmark = pytest.mark.django_db


def run(cr, *steps):
    for user, name, comment in steps:
        cr = operations.transition_change(actor=user, change_request=cr, name=name, comment=comment)
    return cr


@pytest.fixture
def approve_path(applicant, county_officer, bureau_officer):
    def go(cr):
        return run(cr, (applicant, "submit", ""), (county_officer, "county_agree", ""),
                   (bureau_officer, "approve", ""))
    return go


def test_change_flow_matches_fsm():
    assert CHANGE_FLOW.check_complete() == []


def test_rename_approved_changes_name_and_keeps_old_in_history(center, applicant, approve_path):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="拓展研究方向")
    cr = approve_path(cr)
    center.refresh_from_db()
    assert cr.state == ChangeState.APPROVED
    assert center.official_name == "朔州市新型储能技术创新中心"
    history = CenterChange.objects.get(center=center)
    assert (history.kind, history.old_value, history.new_value, history.change_request_id) == (
        "rename", "朔州市储能技术创新中心", "朔州市新型储能技术创新中心", cr.pk)


def test_host_unit_change_applied(center, applicant, third_organisation, approve_path):
    cr = operations.create_change_request(actor=applicant, center=center, kind="host_unit",
                                          new_unit=third_organisation.pk, reasons="资产重组")
    approve_path(cr)
    center.refresh_from_db()
    assert center.host_unit == third_organisation
    assert center.changes.get().kind == "host_unit"


@pytest.mark.parametrize(
    ("matter", "value", "attribute", "expected"),
    [
        ("category", "comprehensive", "category", "comprehensive"),
        ("field", "半导体", "field", "半导体"),
        ("legal_form", "firm", "legal_form", "firm"),
    ],
)
def test_other_major_matter_applied(center, applicant, approve_path, matter, value, attribute, expected):
    cr = operations.create_change_request(actor=applicant, center=center, kind="other", matter=matter,
                                          new_value=value, reasons="调整")
    approve_path(cr)
    center.refresh_from_db()
    assert getattr(center, attribute) == expected
    assert center.changes.get().kind == matter


def test_lead_unit_change_applied(center, applicant, third_organisation, approve_path):
    cr = operations.create_change_request(actor=applicant, center=center, kind="other", matter="lead_unit",
                                          new_unit=third_organisation.pk, reasons="牵头单位调整")
    approve_path(cr)
    center.refresh_from_db()
    assert center.lead_unit == third_organisation


def test_legal_form_internal_unit_needs_target_date(center, applicant):
    with pytest.raises(ServiceError) as exc:
        operations.create_change_request(actor=applicant, center=center, kind="other", matter="legal_form",
                                         new_value=LegalForm.INTERNAL_UNIT, reasons="过渡")
    assert "new_target_date" in exc.value.detail


def test_rename_breaking_the_pattern_is_refused_with_the_article(center, applicant):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="晋北储能研究院", reasons="改名")
    with pytest.raises(WorkflowError) as exc:
        operations.transition_change(actor=applicant, change_request=cr, name="submit")
    assert exc.value.status == 422
    assert [(r.code, r.article) for r in exc.value.reasons] == [("name_pattern", "9(4)")]


def test_approval_rechecks_a_name_taken_meanwhile(center, other_center, applicant, county_officer,
                                                   bureau_officer):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市固废利用技术创新中心", reasons="改名")
    cr = run(cr, (applicant, "submit", ""), (county_officer, "county_agree", ""))
    other_center.official_name = "朔州市固废利用技术创新中心"
    other_center.save(update_fields=["official_name"])
    with pytest.raises(WorkflowError) as exc:
        run(cr, (bureau_officer, "approve", ""))
    assert "name_taken" in [r.code for r in exc.value.reasons]
    center.refresh_from_db()
    assert center.official_name == "朔州市储能技术创新中心"


def test_county_return_needs_comment_then_resubmission(center, applicant, county_officer):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    cr = run(cr, (applicant, "submit", ""))
    with pytest.raises(WorkflowError):
        run(cr, (county_officer, "county_return", ""))
    cr = run(cr, (county_officer, "county_return", "请补充董事会决议"))
    assert cr.state == ChangeState.RETURNED
    cr = operations.update_change_request(actor=applicant, change_request=cr, reasons="改名，附董事会决议")
    assert run(cr, (applicant, "submit", "")).state == ChangeState.SUBMITTED


def test_bureau_rejection_leaves_center_unchanged(center, applicant, county_officer, bureau_officer):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    cr = run(cr, (applicant, "submit", ""), (county_officer, "county_agree", ""),
             (bureau_officer, "reject", "名称与其他中心易混淆"))
    center.refresh_from_db()
    assert cr.state == ChangeState.REJECTED
    assert center.official_name == "朔州市储能技术创新中心"
    assert not center.changes.exists()


def test_county_cannot_approve_and_applicant_cannot_agree(center, applicant, county_officer):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    cr = run(cr, (applicant, "submit", ""))
    with pytest.raises(WorkflowError) as exc:
        run(cr, (applicant, "county_agree", ""))
    assert exc.value.status == 403
    cr = run(cr, (county_officer, "county_agree", ""))
    with pytest.raises(WorkflowError) as exc:
        run(cr, (county_officer, "approve", ""))
    assert exc.value.status == 403


def test_lead_unit_member_may_not_submit(organisation, third_organisation, bureau_officer, applicant):
    from tests.factories import user_with_role
    from ticms.accounts.roles import Role

    from .factories import make_center

    center = make_center(third_organisation, lead_unit=organisation, bureau=bureau_officer)
    with pytest.raises(PermissionDenied) as exc:
        operations.create_change_request(actor=applicant, center=center, kind="rename",
                                         new_name="朔州市新型储能技术创新中心", reasons="改名")
    assert "依托单位" in str(exc.value)
    host = user_with_role(Role.APPLICANT, organisation=third_organisation)
    cr = operations.create_change_request(actor=host, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    reasons = {a.name: a for a in CHANGE_FLOW.available(applicant, cr)}["submit"].reasons
    assert [r.code for r in reasons] == ["not_host_unit"]


def test_approval_writes_audit_on_the_center(center, applicant, approve_path):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    approve_path(cr)
    event = Event.objects.get(action="center.change_applied", object_id=str(center.pk))
    assert (event.data["before"], event.data["after"]) == ("朔州市储能技术创新中心", "朔州市新型储能技术创新中心")


def test_submitted_request_cannot_be_edited(center, applicant):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    cr = run(cr, (applicant, "submit", ""))
    with pytest.raises(ServiceError) as exc:
        operations.update_change_request(actor=applicant, change_request=cr, new_name="朔州市储能二技术创新中心")
    assert exc.value.status == 409


def test_revoked_center_takes_no_change_request(center, applicant, bureau_officer):
    from ticms.centers.services import change_status

    change_status(actor=bureau_officer, center=center, transition="revoke", comment="依托单位申请撤销")
    center.refresh_from_db()
    with pytest.raises(ServiceError) as exc:
        operations.create_change_request(actor=applicant, center=center, kind="rename",
                                         new_name="朔州市新型储能技术创新中心", reasons="改名")
    assert exc.value.error == "center_revoked"


def test_effective_date_is_the_approval_day(center, applicant, approve_path):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    approve_path(cr)
    assert center.changes.get().effective_on == timezone.localdate()


def test_approved_request_summary_keeps_old_and_new_name(center, applicant, approve_path):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    cr = approve_path(cr)
    assert describe(cr) == "名称：朔州市储能技术创新中心 → 朔州市新型储能技术创新中心"


def test_legal_form_to_internal_unit_with_target_date_is_applied_after_both_approvals(
        center, applicant, county_officer, bureau_officer):
    target = datetime.date(2028, 12, 31)
    cr = operations.create_change_request(actor=applicant, center=center, kind="other", matter="legal_form",
                                          new_value=LegalForm.INTERNAL_UNIT, new_target_date=target,
                                          reasons="暂以内设机构运行，逐步过渡为独立法人")
    cr = run(cr, (applicant, "submit", ""))
    assert cr.state == ChangeState.SUBMITTED
    cr = run(cr, (county_officer, "county_agree", ""))
    assert cr.state == ChangeState.COUNTY_AGREED
    center.refresh_from_db()
    assert center.legal_form != LegalForm.INTERNAL_UNIT  # nothing changes before the bureau approves
    cr = run(cr, (bureau_officer, "approve", ""))
    center.refresh_from_db()
    assert cr.state == ChangeState.APPROVED
    assert (center.legal_form, center.legal_form_target_date) == (LegalForm.INTERNAL_UNIT, target)
    history = center.changes.get()
    assert (history.kind, history.change_request_id, history.by) == ("legal_form", cr.pk, bureau_officer)
    assert history.new_value == "内设机构（向独立法人过渡）（计划2028年12月31日前成为独立法人）"


def test_center_page_history_shows_old_and_new_host_unit(client, center, organisation, applicant,
                                                         third_organisation, approve_path, bureau_officer):
    cr = operations.create_change_request(actor=applicant, center=center, kind="host_unit",
                                          new_unit=third_organisation.pk, reasons="资产重组")
    approve_path(cr)
    client.force_login(bureau_officer)
    page = client.get(f"/centers/{center.pk}/manage/").content.decode()
    history = page.split('id="change-history"', 1)[1].split("</ul>", 1)[0]
    assert f"依托单位：“{organisation.name}” → “{third_organisation.name}”" in history
    assert f"/centers/changes/{cr.pk}/" in history
