"""Recognition part A in Chromium: call → application filled and submitted → county recommends → bureau re-check."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import CompetentUnitFactory, OrganisationFactory, user_with_role
from ticms.accounts.roles import Role
from ticms.applications.models import Application

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    county = CompetentUnitFactory(name="朔城区", division_code="140602")
    org = OrganisationFactory(competent_unit=county, name="朔州市晋北碳基新材料有限公司")
    return {
        "bureau": user_with_role(Role.BUREAU_OFFICER),
        "applicant": user_with_role(Role.APPLICANT, organisation=org),
        "county": user_with_role(Role.COUNTY_OFFICER, competent_unit=county),
    }


def sign_out(page):
    page.click("form[action='/logout/'] button[type=submit]")
    page.wait_for_load_state()


def click_transition(page, name: str):
    page.click(f"button[name=transition][value={name}]")
    page.wait_for_load_state()


def test_call_to_recheck_in_the_browser(page, live_server, login, people):
    today = timezone.localdate()
    login(page, live_server, people["bureau"])
    page.goto(f"{live_server.url}/calls/new/")
    page.fill("#id_title", "关于申报2026年度市技术创新中心的通知")
    page.fill("#id_year", "2026")
    page.fill("#id_opens", today.isoformat())
    page.fill("#id_closes", (today + datetime.timedelta(days=30)).isoformat())
    page.fill("#id_text", "请符合条件的单位申报。")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state()
    assert "已发布建设通知" in page.content()
    call_url = page.url
    sign_out(page)

    login(page, live_server, people["applicant"])
    page.goto(call_url)
    page.click("text=在此通知下申报")
    page.click("form button[type=submit].btn-danger")
    page.wait_for_url("**/edit/")
    page.select_option("#id_field", "碳基新材料")
    page.select_option("#id_independent_legal_person", "true")
    page.fill("#id_director", "张三")
    page.fill("#id_director_title", "正高级工程师")
    page.fill("#id_fixed_staff", "8")
    page.press("#id_fixed_staff", "Tab")  # leaving the field fires `change`, as a person's typing does
    # The Art. 8 panel follows the typed facts before anything is saved.
    page.locator("#eligibility [data-status=not_met]").first.wait_for()
    assert "固定人员" in page.inner_text("#eligibility")
    page.fill("#id_fixed_staff", "20")
    page.fill("#id_visiting_staff", "5")
    page.fill("#id_floor_area_m2", "450")
    page.fill("#id_equipment_value", "300")
    page.fill("#id_rd_investment_y1", "80")
    page.fill("#id_rd_investment_y2", "90")
    page.fill("#id_rd_investment_y3", "100")
    page.fill("#id_ip_asset_count", "12")
    page.fill("#id_achievements", "碳纤维复合材料关键技术")
    page.fill("#id_construction_plan", "三年建成中试平台")
    page.check("#id_integrity_declaration")
    page.fill("#id_integrity_signer", "李法人")
    page.click("button[name=save]")
    page.wait_for_load_state()
    assert "申请书已保存" in page.content()
    for kind in ("business_licence", "title_certificate", "equipment_list", "rd_audit", "construction_plan"):
        page.select_option("#id_kind", kind)
        page.set_input_files("#id_file", files=[{"name": f"{kind}.pdf", "mimeType": "application/pdf",
                                                 "buffer": PDF + kind.encode()}])
        page.click("#attachments button[type=submit]")
        page.wait_for_load_state()
        assert "已上传附件" in page.content()
    click_transition(page, "submit")
    assert "当前状态：已提交" in page.content()
    app = Application.objects.get()
    assert app.state == "submitted" and app.equipment_value == 3_000_000
    sign_out(page)

    login(page, live_server, people["county"])
    page.goto(f"{live_server.url}/workbench/")
    page.click(f"a[href='/applications/{app.pk}/']")
    click_transition(page, "county_recommend")
    assert "归口管理单位已推荐" in page.content()
    sign_out(page)

    login(page, live_server, people["bureau"])
    page.goto(f"{live_server.url}/applications/{app.pk}/")
    click_transition(page, "recheck_pass")
    assert "专家论证" in page.inner_text(".badge[data-state]")
    app.refresh_from_db()
    assert app.state == "expert_review"
