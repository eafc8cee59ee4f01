"""The whole recognition path in Chromium, every step clicked through the real pages, signing in as each role in
turn through the login form (Art. 9, 11): the bureau publishes a call → the applicant fills in the 申请书, uploads
the attachments and submits → the county officer recommends → the bureau re-checks → the bureau draws the expert
panel → each expert declares no conflict and scores → the bureau concludes the review → the applicant submits the
revised plan → the bureau creates and publishes the notice → a visitor reads it → the bureau recognises (or lists
as preparatory) → the public directory shows the center. Only the expert pool is set up beforehand (services).

Dates: the test runs on a Monday of a year the holiday calendar knows (`frozen_today`; the live server shares the
moved clock). The notice starts on the day it is published (Art. 9(4)); the clock then moves past its five working
days before the bureau decides (the rule forbids deciding earlier).
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.actions import choose_action, confirm_dialog
from tests.factories import CompetentUnitFactory, OrganisationFactory, user_with_role
from tests.notices.factories import at
from ticms.accounts.roles import Role
from ticms.applications.models import Application
from ticms.notices.models import PublicNotice
from ticms.policy import current_policy
from ticms.policy.calendar import format_period_zh
from ticms.reviews.models import Assignment, Opinion, Panel
from ticms.reviews.services import create_expert

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIELD = "碳基新材料"
CENTER_NAME = "朔州市碳基新材料技术创新中心"
PANEL_SIZE = 3
REQUIRED_KINDS = ("business_licence", "title_certificate", "equipment_list", "rd_audit", "construction_plan")


@pytest.fixture
def people(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    county = CompetentUnitFactory(name="朔城区", division_code="140602")
    org = OrganisationFactory(competent_unit=county, name="朔州市晋北碳基新材料有限公司")
    partner = OrganisationFactory(competent_unit=county, name="朔州职业技术学院")
    bureau = user_with_role(Role.BUREAU_OFFICER)
    experts = []
    for i, name in enumerate(("周教授", "吴研究员", "郑高工")):
        user = user_with_role(Role.EXPERT)
        create_expert(actor=bureau, name=name, fields=[FIELD], organisation_text=f"太原理工大学{i}", user=user)
        experts.append(user)
    # Setup, not the flow: an expert working for the lead unit, whom the draw must leave out.
    insider = create_expert(actor=bureau, name="王工", fields=[FIELD], organisation=org)
    return {
        "org": org, "partner": partner, "bureau": bureau, "experts": experts, "insider": insider,
        "applicant": user_with_role(Role.APPLICANT, organisation=org),
        "county": user_with_role(Role.COUNTY_OFFICER, competent_unit=county),
    }


def sign_out(page):
    page.click("form[action='/logout/'] button[type=submit]")
    page.wait_for_load_state()


def click_transition(page, name: str):
    choose_action(page, name)


def upload(page, kind: str, content: bytes):
    page.select_option("#id_kind", kind)
    page.set_input_files("#id_file", files=[{"name": f"{kind}.pdf", "mimeType": "application/pdf",
                                             "buffer": PDF + content}])
    page.click("#attachments button[type=submit]")
    page.wait_for_load_state()
    assert "已上传附件" in page.content()


def badge(page) -> str:
    return page.inner_text(".badge[data-state]")


OUTCOMES = {
    # recommendation, facts that differ, final transition, notice label, application state, center status
    "recognize": ("recognize", {"fixed_staff": "20"}, "recognize", "拟认定", "recognized", "active", "运行中"),
    "preparatory": ("preparatory", {"fixed_staff": "10"}, "list_preparatory", "拟列为筹建", "preparatory",
                    "preparatory", "筹建"),
}


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_call_to_recognised_center_in_the_browser(page, live_server, login, foreign_requests, people, outcome,
                                                 frozen_today):
    recommendation, facts, final, proposed_label, app_state, center_status, status_label = OUTCOMES[outcome]
    preparatory = outcome == "preparatory"
    base = live_server.url
    today = timezone.localdate()
    foreign = foreign_requests(page, live_server)

    # 1. The bureau publishes a call (Art. 9(1)).
    login(page, live_server, people["bureau"])
    page.goto(f"{base}/calls/new/")
    page.fill("#id_title", f"关于申报{today.year}年度市技术创新中心的通知")
    page.fill("#id_year", str(today.year))
    page.fill("#id_opens", today.isoformat())
    page.fill("#id_closes", (today + datetime.timedelta(days=30)).isoformat())
    page.fill("#id_text", "请符合条件的单位申报。")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state()
    assert "已发布建设通知" in page.content()
    call_url = page.url
    sign_out(page)

    # 2. The applicant fills in every section, uploads the attachments and submits (Art. 9(2)).
    login(page, live_server, people["applicant"])
    page.goto(call_url)
    page.click("text=在此通知下申报")
    page.click("form button[type=submit].btn-danger")
    page.wait_for_url("**/edit/")
    page.select_option("#id_category", index=0)
    page.select_option("#id_field", FIELD)
    page.fill("#id_name", "碳基新材料中心")
    page.select_option("#id_independent_legal_person", "true")
    # 共建单位: a checkbox list filtered by typing part of a name (web/picker.js), not a Ctrl-click select.
    page.fill("#id_partner_units_filter", people["partner"].name[2:6])
    page.get_by_label(people["partner"].name).check()
    page.fill("#id_director", "张三")
    page.fill("#id_director_title", "正高级工程师")
    page.fill("#id_fixed_staff", "8")
    page.press("#id_fixed_staff", "Tab")  # leaving the field fires `change`, as a person's typing does
    # The Art. 8 panel follows the typed facts before anything is saved.
    page.locator("#eligibility [data-status=not_met]").first.wait_for()
    assert "固定人员" in page.inner_text("#eligibility")
    page.fill("#id_fixed_staff", facts["fixed_staff"])
    page.fill("#id_visiting_staff", "5")
    page.fill("#id_floor_area_m2", "450")
    page.fill("#id_equipment_value", "300")
    page.fill("#id_rd_investment_y1", "80")
    page.fill("#id_rd_investment_y2", "90")
    page.fill("#id_rd_investment_y3", "100")
    page.fill("#id_ip_asset_count", "12")
    page.fill("#id_ip_assets", "ZL202310000001.1 一种碳纤维预浸料的制备方法")
    page.fill("#id_achievements", "碳纤维复合材料关键技术")
    page.fill("#id_construction_plan", "三年建成中试平台")
    if preparatory:
        page.check("#id_requests_preparatory")
        page.fill("#id_preparatory_reason", "碳基新材料是本市发展急需的产业方向。")
    page.check("#id_integrity_declaration")
    page.fill("#id_integrity_signer", "李法人")
    page.click("button[name=save]")
    page.wait_for_load_state()
    assert "申请书已保存" in page.content()
    for kind in REQUIRED_KINDS:
        upload(page, kind, kind.encode())
    click_transition(page, "submit")
    assert "当前状态：已提交" in page.content()
    app = Application.objects.get()
    assert app.state == "submitted" and app.requests_preparatory is preparatory
    assert app.equipment_value == 3_000_000  # entered in 万元, stored in yuan
    assert list(app.partner_units.all()) == [people["partner"]]
    app_url = f"{base}/applications/{app.pk}/"
    sign_out(page)

    # 3. The county officer recommends (Art. 6(2)).
    login(page, live_server, people["county"])
    page.goto(f"{base}/workbench/")
    page.click(f"a[href='/applications/{app.pk}/']")
    click_transition(page, "county_recommend")
    assert "归口管理单位已推荐" in badge(page)
    sign_out(page)

    # 4. The bureau re-checks, then forms the expert panel on the panel page (Art. 9(3)).
    login(page, live_server, people["bureau"])
    page.goto(app_url)
    click_transition(page, "recheck_pass")
    assert "专家论证" in badge(page)
    page.goto(f"{base}/reviews/panels/")
    page.locator("#waiting li", has_text=str(app)).get_by_role("link", name="组建专家组").click()
    page.wait_for_url("**/reviews/panels/new/application/*/")
    assert people["org"].name in page.content()  # the units to leave out are named
    page.fill("#id_size", str(PANEL_SIZE))
    page.fill("#id_site_visit_place", "朔州经济开发区中试车间")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(re.compile(r".*/reviews/panels/\d+/$"))
    assert f"已随机抽取 {PANEL_SIZE} 名专家组成专家组" in page.content()
    panel = Panel.objects.get()
    drawn = list(Assignment.objects.filter(panel=panel).select_related("expert__user").order_by("pk"))
    assert len(drawn) == PANEL_SIZE
    assert people["insider"].pk not in {a.expert_id for a in drawn}
    assert {a.expert.user for a in drawn} == set(people["experts"])
    sign_out(page)

    # 5. Each drawn expert declares no conflict and submits scores and a recommendation.
    indicators = current_policy().review_indicators
    for assignment in drawn:
        login(page, live_server, assignment.expert.user)
        page.goto(f"{base}/workbench/")
        page.click(f"a[href='/reviews/assignments/{assignment.pk}/']")
        page.get_by_role("button", name="声明无利益冲突，开始评审").click()
        expect(page.locator("#details")).to_contain_text("朔州经济开发区中试车间")
        for indicator in indicators:
            page.fill(f"#id_score_{indicator.code}", str(indicator.max - 1))
        page.check(f"input[name=recommendation][value={recommendation}]")
        page.fill("#id_comment", "研发基础扎实，建设方案可行。")
        page.get_by_role("button", name="提交评审意见").click()
        confirm_dialog(page, "提交后不能修改")
        expect(page.locator("#opinion")).to_contain_text("已提交")
        sign_out(page)
    assert Opinion.objects.filter(assignment__panel=panel).count() == PANEL_SIZE
    assert set(Opinion.objects.values_list("recommendation", flat=True)) == {recommendation}

    # 6. The bureau concludes the review.
    login(page, live_server, people["bureau"])
    page.goto(app_url)
    click_transition(page, "conclude_review")
    assert "完善建设方案" in badge(page)
    sign_out(page)

    # 7. The applicant uploads the revised construction plan and submits it.
    login(page, live_server, people["applicant"])
    page.goto(app_url)
    upload(page, "revised_plan", b"revised")
    click_transition(page, "submit_plan")
    assert "建设方案已提交" in badge(page)
    sign_out(page)

    # 8. The bureau creates the notice — starting today, the form's default — and publishes it.
    login(page, live_server, people["bureau"])
    page.goto(f"{base}/notices/")
    page.locator("main").get_by_role("link", name="新建公示").click()
    page.wait_for_url("**/notices/new/")
    title = f"关于{proposed_label}朔州市技术创新中心的公示"
    page.fill("#id_title", title)
    page.check(f"#id_include_{app.pk}")
    assert page.input_value(f"#id_proposed_{app.pk}") == outcome  # the default follows the panel's conclusion
    page.select_option(f"#id_proposed_{app.pk}", outcome)
    assert page.input_value("#id_starts_on") == today.isoformat()
    page.fill("#id_contact_phone", "0349-1234567")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(re.compile(r".*/notices/\d+/$"))
    assert "公示草稿已保存" in page.content()
    click_transition(page, "publish")
    assert "公示已发布" in page.content()
    notice = PublicNotice.objects.get()
    assert notice.state == "published" and notice.starts_on == today and not notice.ended
    app.refresh_from_db()
    assert app.state == "publicized"
    sign_out(page)

    # 9. An anonymous visitor reads the notice with its 公示时间 line.
    page.goto(f"{base}/notices/")
    period = format_period_zh(notice.starts_on, notice.ends_on)
    entry = page.locator("#notice-list tbody tr", has_text=title)
    expect(entry).to_contain_text(period)
    entry.get_by_role("link", name=title).click()
    expect(page.locator("#period")).to_contain_text(period)
    expect(page.locator("#items")).to_contain_text(CENTER_NAME)
    expect(page.locator("#items")).to_contain_text(proposed_label)
    expect(page.locator("#items")).to_contain_text(people["org"].name)

    # 10. The clock moves past the period: the bureau recognises or lists as preparatory (Art. 9(4), 11).
    with at(notice.ends_on + datetime.timedelta(days=1)):
        login(page, live_server, people["bureau"])
        page.goto(app_url)
        click_transition(page, final)
    app.refresh_from_db()
    assert app.state == app_state and app.center is not None
    assert app.center.official_name == CENTER_NAME and app.center.status == center_status
    expect(page.locator("body")).to_contain_text(CENTER_NAME)
    sign_out(page)

    # 11. The public directory lists the center with its status.
    page.goto(f"{base}/centers/")
    row = page.locator("#center-directory tbody tr", has_text=CENTER_NAME)
    expect(row).to_have_count(1)
    expect(row.locator(".badge[data-state]")).to_have_attribute("data-state", center_status)
    expect(row.locator(".badge[data-state]")).to_have_text(status_label)
    expect(row).to_contain_text(people["org"].name)
    assert foreign == []
