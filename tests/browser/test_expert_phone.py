"""An expert at a site visit, on a phone: declares no conflict and submits scores (Art. 9(3))."""

import re

import pytest
from playwright.sync_api import expect

from ticms.policy import current_policy
from ticms.reviews.models import Opinion

from ..reviews.factories import application, panel_for
from .actions import confirm_dialog

pytestmark = pytest.mark.browser


def test_expert_on_a_phone_declares_no_conflict_and_submits_scores(phone_page, live_server, login, bureau_officer):
    subject = application()
    panel = panel_for(bureau_officer, subject, size=1, site_visit_place="朔州经济开发区中试车间")
    assignment = panel.assignments.select_related("expert__user").get()
    page = phone_page
    login(page, live_server, assignment.expert.user)
    page.goto(f"{live_server.url}/workbench/")
    page.get_by_role("link", name=re.compile(re.escape(panel.subject_title))).first.click()
    expect(page.locator("#organisations")).to_contain_text(subject.lead_unit.name)
    expect(page.locator("body")).not_to_contain_text("朔州经济开发区中试车间")

    page.get_by_role("button", name="声明无利益冲突，开始评审").click()
    expect(page.locator("#details")).to_contain_text("朔州经济开发区中试车间")
    for indicator in current_policy().review_indicators:
        page.get_by_label(re.compile(re.escape(indicator.name))).fill(str(indicator.max - 2))
    page.get_by_label("建议认定").check()
    page.get_by_label("评审意见").fill("研发基础扎实，建设方案可行。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="提交评审意见").click()
    confirm_dialog(page, "提交后不能修改")
    expect(page.locator("#opinion")).to_contain_text("已提交")
    page.screenshot(path="/tmp/ticms-expert-opinion-phone.png", full_page=True)
    opinion = Opinion.objects.get()
    assert opinion.recommendation == "recognize"
    assert opinion.total == sum(i.max - 2 for i in current_policy().review_indicators)
