"""The action panel in Chromium: a dangerous outcome turns the submit red and asks in the styled dialog (cancel
changes nothing), and without JavaScript the panel still posts the chosen outcome."""

import re

import pytest
from playwright.sync_api import expect

from tests.applications.factories import submitted_application
from tests.browser.actions import choose_action
from tests.factories import CompetentUnitFactory, OrganisationFactory, user_with_role
from ticms.accounts.roles import Role
from ticms.applications.models import Application


@pytest.fixture
def case(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    county = CompetentUnitFactory(name="朔城区", division_code="140602")
    org = OrganisationFactory(competent_unit=county)
    app = submitted_application(user_with_role(Role.APPLICANT, organisation=org), org)
    return app, user_with_role(Role.COUNTY_OFFICER, competent_unit=county)


def test_dangerous_outcome_asks_in_the_dialog_and_cancel_changes_nothing(page, live_server, login, case):
    app, county = case
    messages = []
    page.on("console", lambda m: messages.append(m.text) if m.type == "error" else None)
    login(page, live_server, county)
    page.goto(f"{live_server.url}{app.get_absolute_url()}")
    panel = page.locator("form[data-action-panel]")
    submit = panel.locator("[data-panel-submit]")
    expect(submit).to_have_class(re.compile(r"\bbtn-primary\b"))
    panel.locator("input[value=county_reject]").check()
    expect(submit).to_have_class(re.compile(r"\bbtn-danger\b"))
    panel.locator("textarea[name=comment]").fill("不符合组建条件。")
    submit.click()
    dialog = page.locator("#ticms-confirm")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("此操作无法撤销")
    page.screenshot(path="/tmp/ticms-confirm-dialog.png")
    dialog.get_by_role("button", name="取消").click()
    expect(dialog).to_be_hidden()
    assert Application.objects.get(pk=app.pk).state == "submitted"

    choose_action(page, "county_reject", "不符合组建条件。")
    assert Application.objects.get(pk=app.pk).state != "submitted"
    assert "已完成" in page.content()
    assert messages == []


def test_panel_works_without_javascript(browser, live_server, login, case):
    app, county = case
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, live_server, county)
        page.goto(f"{live_server.url}{app.get_absolute_url()}")
        panel = page.locator("form[data-action-panel]")
        panel.locator("input[value=county_recommend]").check()
        with page.expect_navigation():
            panel.locator("[data-panel-submit]").click()
        assert Application.objects.get(pk=app.pk).state == "recommended"
        assert "已完成：审核通过并推荐" in page.content()
    finally:
        context.close()
