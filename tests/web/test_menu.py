"""The two layouts and the one menu: each role's sidebar holds exactly the pages it may open, every label is the
title of its page, and every back-office page has breadcrumbs back through its group and list."""

import re

import pytest
from django.urls import reverse

from ticms.web import menu

pytestmark = pytest.mark.django_db

ROLE_FIXTURES = [
    "applicant",
    "county_officer",
    "bureau_officer",
    "expert_user",
    "system_admin",
    "security_admin",
    "audit_admin",
]


def title(html: str) -> str:
    return re.search(r"<title>(.*?) · ", html, re.S).group(1).strip()


def sidebar(html: str) -> str:
    return html[html.index('id="ticms-sidebar"') : html.index("</aside>")]


def breadcrumbs(html: str) -> list[str]:
    trail = html[html.index('id="ticms-breadcrumbs"') : html.index("</ol>", html.index('id="ticms-breadcrumbs"'))]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", trail, re.S)]


@pytest.mark.parametrize("role_fixture", ROLE_FIXTURES)
def test_each_role_sees_only_the_entries_it_may_open_and_each_opens_with_its_label_as_title(
    client, request, role_fixture
):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    entries = [e for e in menu.entries_for(user) if e is not menu.ADMIN_SITE]
    html = client.get(reverse("workbench")).content.decode()
    side = sidebar(html)
    for entry in menu.BACKOFFICE:
        shown = f'href="{entry.url}">{entry.label}</a>' in side
        assert shown == (entry in entries), (role_fixture, entry.label)
    for entry in entries:
        response = client.get(entry.url)
        assert response.status_code == 200, (role_fixture, entry.url)
        page = response.content.decode()
        assert title(page) == entry.label
        assert 'id="ticms-sidebar"' in page  # a back-office page
        assert f'aria-current="page" href="{entry.url}">{entry.label}</a>' in sidebar(page)
        assert breadcrumbs(page) == ["首页", entry.group, entry.label]


def test_portal_links_are_the_titles_of_their_pages_and_have_no_sidebar(client):
    home = client.get("/").content.decode()
    assert 'id="ticms-sidebar"' not in home and ">登录</a>" in home
    for entry in menu.PORTAL:
        assert f'href="{entry.url}">{entry.label}</a>' in home
        page = client.get(entry.url).content.decode()
        assert title(page) == entry.label
        assert 'id="ticms-sidebar"' not in page


def test_new_notice_is_in_the_back_office_not_the_public_menu(client, bureau_officer):
    assert reverse("notices:notice_create") not in client.get("/").content.decode()
    client.force_login(bureau_officer)
    assert reverse("notices:notice_create") not in client.get("/").content.decode()
    assert f'href="{reverse("notices:notice_create")}">新建公示</a>' in sidebar(
        client.get(reverse("workbench")).content.decode()
    )


def test_api_tokens_are_only_under_the_personal_center(client, applicant):
    client.force_login(applicant)
    workbench = client.get(reverse("workbench")).content.decode()
    assert reverse("api_tokens") not in workbench
    account = client.get(reverse("account_home")).content.decode()
    for url in ("account_password", "api_tokens", "notifications:preferences"):
        assert f'href="{reverse(url)}"' in account
    tokens = client.get(reverse("api_tokens")).content.decode()
    assert breadcrumbs(tokens) == ["首页", "系统", "个人中心", "API 令牌"]


def test_record_page_breadcrumbs_run_home_group_list_record(client, applicant, organisation):
    from tests.applications.factories import new_application

    app = new_application(applicant, organisation)
    client.force_login(applicant)
    html = client.get(f"/applications/{app.pk}/").content.decode()
    assert breadcrumbs(html) == ["首页", "申报管理", "申请书", f"申请书 {app.number} {app.display_name}"]
    assert f'<a href="{reverse("application_list")}">申请书</a>' in html


def test_public_pages_the_bureau_works_on_show_it_the_back_office(client, bureau_officer):
    assert 'id="ticms-sidebar"' not in client.get(reverse("notices:notice_list")).content.decode()
    client.force_login(bureau_officer)
    assert 'id="ticms-sidebar"' in client.get(reverse("notices:notice_list")).content.decode()


def test_phone_sidebar_is_an_offcanvas_opened_from_the_header(client, applicant):
    client.force_login(applicant)
    html = client.get(reverse("workbench")).content.decode()
    assert 'class="col-lg-2 ticms-nav ticms-sidebar offcanvas-lg offcanvas-start' in html
    assert 'data-bs-toggle="offcanvas" data-bs-target="#ticms-sidebar"' in html
    # What both layouts keep: the skip link, the unread count, the footer.
    assert 'href="#main">跳到主要内容</a>' in html and 'id="ticms-messages"' in html and "主办单位" in html
