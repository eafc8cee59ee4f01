import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ticms.applications.models import Application, Attachment

from .factories import COMPLETE_FACTS, PDF, complete_application, new_application, submitted_application

pytestmark = pytest.mark.django_db


def test_county_officer_sees_recommend_return_reject_buttons(client, applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    client.force_login(county_officer)
    html = client.get(f"/applications/{app.pk}/").content.decode()
    for name in ("county_recommend", "county_return", "county_reject"):
        assert f'value="{name}"' in html
    assert 'value="withdraw"' not in html  # the applicant's button is not shown to the county officer


def test_refused_submit_is_shown_disabled_with_reasons_and_articles(client, applicant, organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    html = client.get(f"/applications/{app.pk}/").content.decode()
    assert "ticms-refused" in html and "申请书未填写“中心负责人”" in html and "第九条第（二）项" in html


def test_edit_page_keeps_typed_values_when_a_section_is_invalid(client, applicant, organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    response = client.post(f"/applications/{app.pk}/edit/", {
        "category": "domain", "field": "碳基新材料", "director": "王五", "fixed_staff": "-2",
        "equipment_value": "350", "independent_legal_person": "true",
    })
    html = response.content.decode()
    assert response.status_code == 400
    assert "不能为负数" in html and 'value="王五"' in html and 'value="350"' in html
    app.refresh_from_db()
    assert app.director == "" and app.fixed_staff is None
    # The box names its message, and the message carries that id: a screen reader reads them together.
    box = re.search(r'<input[^>]*name="fixed_staff"[^>]*>', html).group(0)
    assert "id_fixed_staff_error" in box
    assert 'id="id_fixed_staff_error"' in html


def test_edit_page_stores_amounts_entered_in_wan_yuan_as_yuan(client, applicant, organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    response = client.post(f"/applications/{app.pk}/edit/", {
        "category": "domain", "field": "碳基新材料", "equipment_value": "236.5", "rd_investment_y1": "80",
        "independent_legal_person": "",
    })
    assert response.status_code == 302
    app.refresh_from_db()
    assert str(app.equipment_value) == "2365000.00" and str(app.rd_investment_y1) == "800000.00"


def test_edit_page_refuses_absurd_amount(client, applicant, organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    response = client.post(f"/applications/{app.pk}/edit/", {"category": "domain", "equipment_value": "1e12"})
    assert response.status_code == 400 and "数值过大" in response.content.decode()


def test_eligibility_panel_follows_typed_facts_without_saving(client, applicant, organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    response = client.post(f"/applications/{app.pk}/eligibility/", {"category": "domain", "fixed_staff": "8"},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="eligibility"' in html and "<html" not in html
    assert 'data-status="not_met"' in html and "第八条第（二）项" in html
    app.refresh_from_db()
    assert app.fixed_staff is None


def test_other_county_cannot_use_eligibility_endpoint(client, applicant, organisation, other_county_officer):
    app = new_application(applicant, organisation)
    client.force_login(other_county_officer)
    assert client.post(f"/applications/{app.pk}/eligibility/", {}).status_code == 404


def test_county_recommends_through_page(client, applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    client.force_login(county_officer)
    response = client.post(f"/applications/{app.pk}/transitions/county_recommend/",
                           {"expected_state": "submitted"}, follow=True)
    assert "已完成：审核通过并推荐" in response.content.decode()
    app.refresh_from_db()
    assert app.state == "recommended"


def test_refused_transition_on_page_explains_why(client, applicant, organisation, county_officer):
    app = submitted_application(applicant, organisation)
    client.force_login(county_officer)
    response = client.post(f"/applications/{app.pk}/transitions/county_return/", {"comment": ""}, follow=True)
    assert "未能执行" in response.content.decode()
    app.refresh_from_db()
    assert app.state == "submitted"


def test_wrong_role_transition_on_page_is_403(client, applicant, organisation):
    app = submitted_application(applicant, organisation)
    client.force_login(applicant)
    assert client.post(f"/applications/{app.pk}/transitions/county_recommend/").status_code == 403


def test_upload_through_page_over_limit_shows_message_and_stores_nothing(client, settings, applicant,
                                                                         organisation):
    settings.TICMS_MAX_UPLOAD_BYTES = 100
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    upload = SimpleUploadedFile("方案.pdf", PDF + b"x" * 200)
    response = client.post(f"/applications/{app.pk}/attachments/", {"kind": "construction_plan", "file": upload},
                           follow=True)
    assert "超过单个附件上限" in response.content.decode() and not Attachment.objects.exists()


def test_versions_and_differences_are_shown(client, applicant, organisation, county_officer):
    from ticms.applications import services

    app = submitted_application(applicant, organisation)
    app = services.transition_application(actor=county_officer, application=app, name="county_return", comment="补")
    services.update_application(actor=applicant, application=app, changes={"fixed_staff": 25})
    services.transition_application(actor=applicant, application=app, name="submit")
    client.force_login(county_officer)
    html = client.get(f"/applications/{app.pk}/").content.decode()
    assert "第2版相对上一版的变化" in html and "固定人员（人）" in html


def test_new_application_page_creates_draft(client, applicant, organisation):
    from .factories import CallFactory

    call = CallFactory()
    client.force_login(applicant)
    assert client.get(f"/applications/new/?call={call.pk}").status_code == 200
    response = client.post("/applications/new/", {"track": "new", "call": call.pk, "lead_unit": organisation.pk})
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/applications/{app.pk}/edit/"


def test_list_page_does_not_grow_queries_with_rows(client, django_assert_max_num_queries, applicant, organisation,
                                                   bureau_officer):
    from .factories import CallFactory

    for _ in range(8):
        new_application(applicant, organisation, call=CallFactory(), **{"field": COMPLETE_FACTS["field"]})
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(8):
        response = client.get("/applications/")
    assert response.status_code == 200 and response.content.decode().count("/applications/") >= 8


def test_self_check_is_public_and_stores_nothing(client):
    count = Application.objects.count()
    response = client.get("/eligibility/", {"credit_code": "", "fixed_staff": "20", "floor_area_m2": "100",
                                            "equipment_value": "300"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-status="met"') >= 2 and 'data-status="not_met"' in html and "第八条第（三）项" in html
    assert Application.objects.count() == count


def test_self_check_bad_number_is_explained(client):
    response = client.get("/eligibility/", {"fixed_staff": "-5"})
    assert response.status_code == 400 and "不能为负数" in response.content.decode()


def test_workbench_lists_todos_per_role(client, applicant, organisation, county_officer, bureau_officer):
    new_application(applicant, organisation)
    submitted = complete_application(applicant, organisation)
    from ticms.applications import services

    services.transition_application(actor=applicant, application=submitted, name="submit")
    client.force_login(applicant)
    assert "待填写或修改的申请书" in client.get("/workbench/").content.decode()
    client.force_login(county_officer)
    html = client.get("/workbench/").content.decode()
    assert "待审核推荐的申请书" in html and f"/applications/{submitted.pk}/" in html
    client.force_login(bureau_officer)
    assert "待复核的申请书" in client.get("/workbench/").content.decode()


def _timeline_entries(page: str) -> list[str]:
    """The entries of the page's 办理记录, oldest first, each as its HTML."""
    block = page.split("<h2 class=\"h6\">办理记录</h2>", 1)[1].split("</ol>", 1)[0]
    return [entry.split("</li>", 1)[0] for entry in block.split("<li>")[1:]]


def test_application_page_records_each_step_in_chinese_with_the_actors_role(client, applicant, organisation,
                                                                           county_officer):
    from ticms.applications import services

    app = submitted_application(applicant, organisation)
    services.transition_application(actor=county_officer, application=app, name="county_return",
                                    comment="请补充近三年研发投入证明")
    client.force_login(applicant)
    entries = _timeline_entries(client.get(f"/applications/{app.pk}/").content.decode())
    assert "创建申请书" in entries[0] and "申请单位（依托单位）" in entries[0]
    assert "上传附件" in "".join(entries)
    submitted, returned = entries[-2:]
    assert "提交申请书" in submitted and "草稿 → 已提交，待归口管理单位审核" in submitted
    assert "第九条第（二）项" in submitted
    assert applicant.display_name in submitted and "申请单位（依托单位）" in submitted
    assert "已提交，待归口管理单位审核 → 已退回修改" in returned and "请补充近三年研发投入证明" in returned
    assert county_officer.display_name in returned and "归口管理单位工作人员" in returned
    assert "county_officer" not in "".join(entries)  # the role's name, never its code
