"""Issue 12, messages, in Chromium: the applicant submits → the county officer sees the unread message in the header
and the application in the workbench count, follows the message's link and recommends → the applicant gets the
message in the inbox and by e-mail (file backend). The worker runs between the steps (`ticms worker --batch`), as
the one `make run` starts would. The "dashboard" count is the workbench to-do count (no dashboard page yet).
"""

import pytest
from django.core.management import call_command

from tests.applications.factories import complete_application
from tests.browser.actions import choose_action
from tests.factories import CompetentUnitFactory, OrganisationFactory, user_with_role
from ticms.accounts.roles import Role


@pytest.fixture
def people(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    county = CompetentUnitFactory(name="朔城区", division_code="140602")
    org = OrganisationFactory(competent_unit=county, name="朔州市晋北碳基新材料有限公司")
    applicant = user_with_role(Role.APPLICANT, organisation=org, email="shenbao@jinbei.example.cn")
    return {"org": org, "applicant": applicant, "mail": tmp_path / "mail",
            "county": user_with_role(Role.COUNTY_OFFICER, competent_unit=county)}


def sign_out(page):
    page.click("form[action='/logout/'] button[type=submit]")
    page.wait_for_load_state()


def work_queue():
    call_command("worker", "--batch", verbosity=0)


def test_submit_reaches_county_officer_and_recommendation_reaches_applicant(page, live_server, login, people,
                                                                             frozen_today):
    base = live_server.url
    app = complete_application(people["applicant"], people["org"])

    login(page, live_server, people["applicant"])
    page.goto(f"{base}{app.get_absolute_url()}")
    choose_action(page, "submit")
    sign_out(page)
    work_queue()

    login(page, live_server, people["county"])
    page.goto(f"{base}/workbench/")
    assert page.inner_text("#ticms-unread") == "1"
    assert page.inner_text("#todo-total") == "1"
    page.click("#ticms-messages")
    page.click(f"#message-list a:has-text('{app.title}')")
    page.wait_for_url(f"**{app.get_absolute_url()}")
    assert page.locator("#ticms-unread").count() == 0  # read once followed
    choose_action(page, "county_recommend")
    page.goto(f"{base}/workbench/")
    assert page.inner_text("#todo-total") == "0"
    sign_out(page)
    work_queue()

    login(page, live_server, people["applicant"])
    assert page.inner_text("#ticms-unread") == "1"
    page.click("#ticms-messages")
    assert "申请书已获推荐，报市科技局复核" in page.inner_text("#message-list")
    mails = [p.read_text("utf-8") for p in people["mail"].iterdir()]
    assert len(mails) == 1 and "shenbao@jinbei.example.cn" in mails[0]
    assert app.get_absolute_url() in mails[0]
