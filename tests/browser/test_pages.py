import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_bureau_officer_signs_in_sees_workbench_and_signs_out(page, live_server, login, bureau_officer):
    login(page, live_server, bureau_officer)
    expect(page).to_have_url(re.compile(r"/workbench/$"))
    expect(page.locator("h1")).to_contain_text("我的待办")
    expect(page.locator("#ticms-user")).to_contain_text("市科技局工作人员")
    expect(page.locator("#role-bureau_officer")).to_contain_text("第五条")
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("link", name="登录").first).to_be_visible()
    page.goto(f"{live_server.url}/workbench/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/workbench/"))


def test_wrong_password_shows_the_chinese_error(page, live_server, login, bureau_officer):
    login(page, live_server, bureau_officer, password="wrong-password")
    expect(page.locator(".alert-danger")).to_contain_text("用户名或密码不正确")
    expect(page).to_have_url(re.compile(r"/login/$"))


def test_pages_request_nothing_from_another_host(page, live_server, login, foreign_requests, audit_admin):
    foreign = foreign_requests(page, live_server)
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    login(page, live_server, audit_admin)
    page.goto(f"{live_server.url}/audit/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="校验审计链").click()
    expect(page.locator(".alert-success")).to_contain_text("审计链完整")
    page.screenshot(path="/tmp/ticms-audit-desktop.png", full_page=True)
    assert foreign == []
    # the vendored scripts really ran
    assert page.evaluate("typeof htmx !== 'undefined' && typeof bootstrap !== 'undefined'")


def test_pages_are_chinese_with_no_language_switch(page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.locator("header")).to_contain_text("朔州市技术创新中心管理系统")
    assert page.get_by_role("button", name="English").count() == 0
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"


def test_layout_screenshots_desktop_and_phone(page, phone_page, live_server, login, expert_user):
    login(page, live_server, expert_user)
    page.screenshot(path="/tmp/ticms-workbench-desktop.png", full_page=True)
    page.goto(f"{live_server.url}/")
    page.screenshot(path="/tmp/ticms-home-desktop.png", full_page=True)

    login(phone_page, live_server, expert_user)
    expect(phone_page.locator("h1")).to_contain_text("我的待办")
    # nothing wider than the phone's screen
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.screenshot(path="/tmp/ticms-workbench-phone.png", full_page=True)
    # The back office's sidebar is an offcanvas on a phone, opened from the header.
    expect(phone_page.get_by_role("link", name="我的评审任务")).to_be_hidden()
    phone_page.get_by_role("button", name="打开菜单").click()
    expect(phone_page.locator("#ticms-sidebar.show")).to_be_visible()
    expect(phone_page.get_by_role("link", name="我的评审任务")).to_be_visible()
    expect(phone_page.get_by_role("button", name="退出登录")).to_be_visible()
    phone_page.wait_for_timeout(400)  # let the slide-in finish
    phone_page.screenshot(path="/tmp/ticms-menu-phone.png", full_page=True)
    phone_page.get_by_role("button", name="关闭菜单").click()
    expect(phone_page.locator("#ticms-sidebar.show")).to_have_count(0)
    # The portal keeps its collapsing top navigation.
    phone_page.goto(f"{live_server.url}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.locator(".navbar-toggler").click()
    expect(phone_page.locator("#ticms-nav.show")).to_be_visible()
    expect(phone_page.get_by_role("link", name="进入工作台")).to_be_visible()
