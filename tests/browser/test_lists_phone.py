"""Below 576 px the list tables become cards ("label: value"), with no horizontal overflow at 390 px."""

import pytest

from tests.applications.factories import submitted_application
from tests.centers.factories import make_center


@pytest.fixture
def phone(browser, live_server, transactional_db):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _no_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_public_directory_is_cards_on_a_phone(phone, live_server, organisation, bureau_officer):
    long_name = "朔州市储能技术创新中心（依托朔州某某新能源科技股份有限公司）"
    make_center(organisation, field="储能", official_name=long_name, bureau=bureau_officer)
    phone.goto(f"{live_server.url}/centers/")
    table = phone.locator("#center-directory")
    assert table.locator("thead").is_hidden()
    first = table.locator("tbody td").nth(1)
    assert first.get_attribute("data-label") == "类别"
    before = first.evaluate("td => getComputedStyle(td, '::before').content")
    assert "类别" in before
    assert phone.locator("#list-total").inner_text() == "共 1 条"
    _no_overflow(phone)


def test_application_list_with_batch_boxes_fits_a_phone(
    phone, live_server, login, applicant, organisation, county_officer
):
    for _ in range(3):
        submitted_application(applicant, organisation)
    login(phone, live_server, county_officer)
    phone.goto(f"{live_server.url}/applications/?state=submitted")
    assert phone.locator("table.list-table tbody tr").count() == 3
    _no_overflow(phone)
    for box in phone.locator("tbody input[name=ids]").all():
        box.check()
    phone.fill("#batch-comment", "同意推荐。")
    phone.click("#batch-actions button[type=submit]")
    phone.wait_for_load_state()
    assert "已办理 3 件，未办理 0 件" in phone.locator("#batch-summary").inner_text()
    _no_overflow(phone)
