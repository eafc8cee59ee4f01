"""The registry's pages for signed-in users: scope both ways, forms that call services, workbench to-dos."""

import datetime
from decimal import Decimal

import pytest

from ticms.centers import operations, services

from .factories import make_center

pytestmark = pytest.mark.django_db


def test_host_unit_opens_its_center_and_the_profile_form(client, center, applicant):
    client.force_login(applicant)
    assert client.get(f"/centers/{center.pk}/manage/").status_code == 200
    assert client.get(f"/centers/{center.pk}/profile/").status_code == 200


def test_other_host_unit_gets_404_on_management_pages(client, center, other_applicant):
    client.force_login(other_applicant)
    for url in (f"/centers/{center.pk}/manage/", f"/centers/{center.pk}/profile/",
                f"/centers/{center.pk}/changes/new/", f"/centers/{center.pk}/filings/new/"):
        assert client.get(url).status_code == 404, url


def test_lead_unit_member_sees_but_may_not_edit(client, organisation, third_organisation, applicant,
                                                bureau_officer):
    center = make_center(third_organisation, lead_unit=organisation, bureau=bureau_officer)
    client.force_login(applicant)
    assert client.get(f"/centers/{center.pk}/manage/").status_code == 200
    assert client.get(f"/centers/{center.pk}/profile/").status_code == 403
    assert client.post(f"/centers/{center.pk}/profile/", {"fixed_staff": "30"}).status_code == 403


def test_county_officer_lists_only_its_county(client, center, other_center, county_officer):
    client.force_login(county_officer)
    page = client.get("/centers/manage/").content.decode()
    assert center.official_name in page
    assert other_center.official_name not in page
    assert client.get(f"/centers/{other_center.pk}/manage/").status_code == 404


def test_management_list_does_not_grow_queries_with_centers(client, organisation, bureau_officer,
                                                            django_assert_max_num_queries):
    for _ in range(15):
        make_center(organisation, bureau=bureau_officer)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(8):
        response = client.get("/centers/manage/")
    assert response.status_code == 200


def test_profile_form_takes_money_in_wan_yuan(client, center, applicant):
    client.force_login(applicant)
    response = client.post(f"/centers/{center.pk}/profile/", {
        "fixed_staff": "18", "visiting_staff": "6", "floor_area_m2": "450", "equipment_value_wan": "236.5",
        "legal_form": "firm"})
    assert response.status_code == 302
    center.refresh_from_db()
    assert (center.fixed_staff, center.equipment_value) == (18, Decimal("2365000.00"))


def test_profile_form_explains_bad_input_in_chinese(client, center, applicant):
    client.force_login(applicant)
    response = client.post(f"/centers/{center.pk}/profile/", {"fixed_staff": "-4", "equipment_value_wan": "abc",
                                                               "legal_form": "internal_unit"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "不能小于 0。" in page and "请输入数字（单位：万元）" in page
    center.refresh_from_db()
    assert center.fixed_staff is None


def test_profile_form_internal_unit_without_date_gets_the_article(client, center, applicant):
    client.force_login(applicant)
    response = client.post(f"/centers/{center.pk}/profile/", {"legal_form": "internal_unit"})
    assert "第十二条" in response.content.decode()


def test_change_request_form_creates_draft_with_attachment(client, center, applicant, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(applicant)
    pdf = SimpleUploadedFile("申请书.pdf", b"%PDF-1.4\n%test\n" + b"0" * 100, content_type="application/pdf")
    response = client.post(f"/centers/{center.pk}/changes/new/", {
        "kind": "rename", "new_name": "朔州市新型储能技术创新中心", "reasons": "拓展研究方向", "file": pdf})
    assert response.status_code == 302
    cr = center.change_requests.get()
    assert cr.attachments.count() == 1
    page = client.get(cr.get_absolute_url()).content.decode()
    assert "提交变更申请" in page


def test_filing_page_shows_the_title_flag(client, center, applicant, bureau_officer):
    filing = operations.submit_filing(actor=applicant, center=center, kind="director", person_name="张主任",
                                      person_title="工程师", appointed_on=datetime.date(2025, 6, 1))
    client.force_login(bureau_officer)
    page = client.get(filing.get_absolute_url()).content.decode()
    assert "第八条第（二）项" in page and "确认备案" in page


def test_bureau_returns_filing_through_the_page(client, center, applicant, bureau_officer):
    filing = operations.submit_filing(actor=applicant, center=center, kind="director", person_name="张主任",
                                      person_title="工程师", appointed_on=datetime.date(2025, 6, 1))
    client.force_login(bureau_officer)
    client.post(f"/centers/filings/{filing.pk}/transitions/return_filing/",
                {"comment": "须为高级职称", "expected_state": "submitted"})
    filing.refresh_from_db()
    assert filing.state == "returned"


def test_visit_form_is_for_the_county_of_the_center(client, center, county_officer, bureau_officer):
    client.force_login(bureau_officer)
    assert client.get(f"/centers/{center.pk}/visits/new/").status_code == 403
    client.force_login(county_officer)
    response = client.post(f"/centers/{center.pk}/visits/new/", {"visited_on": "2025-06-01",
                                                                 "findings": "安全台账不全"})
    assert response.status_code == 302
    assert center.visits.count() == 1


def test_workbench_shows_registry_todos_per_role(client, center, applicant, county_officer, bureau_officer):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    operations.transition_change(actor=applicant, change_request=cr, name="submit")
    operations.submit_filing(actor=applicant, center=center, kind="director", person_name="张主任",
                             person_title="研究员", appointed_on=datetime.date(2025, 6, 1))
    client.force_login(county_officer)
    page = client.get("/workbench/").content.decode()
    assert "变更申请待审核" in page and cr.get_absolute_url() in page
    assert "1项备案待市科技局确认" in page
    client.force_login(bureau_officer)
    assert "任命备案待确认" in client.get("/workbench/").content.decode()


def test_county_attention_lists_overdue_legal_form(client, center, applicant, county_officer):
    services.update_profile(actor=applicant, center=center, changes={
        "legal_form": "internal_unit", "legal_form_target_date": datetime.date(2020, 1, 1)})
    client.force_login(county_officer)
    assert "法人过渡逾期" in client.get("/centers/manage/").content.decode()
    assert "超过计划成为独立法人的日期" in client.get("/workbench/").content.decode()


def test_manage_page_shows_profile_edits_with_labels(client, center, applicant):
    services.update_profile(actor=applicant, center=center, changes={"fixed_staff": 20})
    client.force_login(applicant)
    page = client.get(f"/centers/{center.pk}/manage/").content.decode()
    assert "固定人员（人）：“” → “20”" in page


def _timeline_entries(page: str) -> list[str]:
    """The entries of the page's 记录 timeline, oldest first, each as its HTML."""
    block = page.split('<ol class="ticms-timeline">', 1)[1].split("</ol>", 1)[0]
    return [entry.split("</li>", 1)[0] for entry in block.split("<li>")[1:]]


def test_center_page_timeline_names_each_step_in_chinese_with_the_actors_role(client, center, applicant,
                                                                            bureau_officer):
    services.update_profile(actor=applicant, center=center, changes={"fixed_staff": 20})
    services.change_status(actor=bureau_officer, center=center, transition="revoke", comment="依托单位申请撤销")
    client.force_login(bureau_officer)
    entries = _timeline_entries(client.get(f"/centers/{center.pk}/manage/").content.decode())
    assert len(entries) == 3
    created, edited, revoked = entries
    assert "认定/列为筹建，建立中心档案" in created and "市科技局工作人员" in created
    assert "更新中心信息" in edited and applicant.display_name in edited and "申请单位（依托单位）" in edited
    assert "撤销中心" in revoked and "运行中 → 已撤销" in revoked and "第五条第（四）项" in revoked
    assert "市科技局工作人员" in revoked and bureau_officer.display_name in revoked and "依托单位申请撤销" in revoked
    assert "bureau_officer" not in "".join(entries)  # the role's name, never its code
