"""A host unit renames its center through the competent unit and the bureau (Art. 7(4), 15), in Chromium:
each role signs in through the real login form; the public directory then shows the new name and the
center's public page keeps the old one in its history."""

import datetime

import pytest

from tests.browser.actions import choose_action
from tests.centers.factories import make_center
from tests.factories import user_with_role
from ticms.accounts.roles import Role
from ticms.centers.models import Center, ChangeRequest

pytestmark = pytest.mark.browser

OLD, NEW = "朔州市储能技术创新中心", "朔州市新型储能技术创新中心"


def _as(page, live_server, login, user):
    page.context.clear_cookies()
    login(page, live_server, user)


def test_host_unit_renames_center_through_county_and_bureau(page, live_server, login, organisation, county):
    bureau = user_with_role(Role.BUREAU_OFFICER)
    host = user_with_role(Role.APPLICANT, organisation=organisation)
    county_officer = user_with_role(Role.COUNTY_OFFICER, competent_unit=county)
    center = make_center(organisation, field="储能", official_name=OLD, bureau=bureau,
                         recognized_on=datetime.date(2025, 3, 2))

    # The host unit writes the request; a name off the official pattern is refused first, citing Art. 9(4).
    _as(page, live_server, login, host)
    page.goto(f"{live_server.url}/centers/{center.pk}/manage/")
    page.click("text=变更申请")
    page.select_option("#id_kind", "rename")
    page.fill("#id_new_name", "晋北储能研究院")
    page.fill("#id_reasons", "研究方向扩展至新型储能，经理事会决议更名。")
    page.click("#center-form button[type=submit]")
    page.wait_for_load_state()
    assert "第九条第（四）项" in page.inner_text(".ticms-refused")
    cr = ChangeRequest.objects.get(center=center)
    page.click("text=修改申请")
    page.fill("#id_new_name", NEW)
    page.click("#center-form button[type=submit]")
    page.wait_for_load_state()
    choose_action(page, "submit")
    cr.refresh_from_db()
    assert cr.state == "submitted"

    # The competent unit agrees.
    _as(page, live_server, login, county_officer)
    page.goto(f"{live_server.url}/workbench/")
    page.click(f"a[href='{cr.get_absolute_url()}']")
    choose_action(page, "county_agree")
    cr.refresh_from_db()
    assert cr.state == "county_agreed"

    # The bureau approves; the change applies at once.
    _as(page, live_server, login, bureau)
    page.goto(f"{live_server.url}{cr.get_absolute_url()}")
    choose_action(page, "approve")
    assert Center.objects.get(pk=center.pk).official_name == NEW

    # Anyone: the directory shows the new name; the public page keeps the old one in its history.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/centers/")
    directory = page.inner_text("#center-directory")
    assert NEW in directory and OLD not in directory
    page.click(f"text={NEW}")
    history = page.inner_text("#name-history")
    assert OLD in history and NEW in history
