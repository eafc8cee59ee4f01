"""Failed requests: a Chinese page in the site layout with the way back, or JSON under /api/ (DEBUG off)."""

import pytest
from django.test import RequestFactory

from ticms.web.error_pages import server_error

HEADER = "朔州市技术创新中心管理系统"


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def page(response) -> str:
    return response.content.decode()


def assert_error_page(response, status: int, heading: str):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = page(response)
    assert HEADER in html
    assert heading in html
    assert f"错误代码 {status}" in html
    assert 'href="/">返回首页</a>' in html
    assert "主办单位：朔州市科学技术局" in html


def test_unknown_page_is_the_chinese_404_with_the_way_back(client, db):
    response = client.get("/no-such-page/")
    assert_error_page(response, 404, "页面不存在")
    assert "/no-such-page/" in page(response)
    assert "登录</a>" in page(response)


def test_404_for_a_signed_in_user_links_to_the_workbench(client, applicant):
    client.force_login(applicant)
    response = client.get("/calls/999999/")
    assert_error_page(response, 404, "页面不存在")
    assert 'href="/workbench/">我的待办</a>' in page(response)
    assert "No Call matches" not in page(response)


def test_unknown_api_path_answers_json_not_html(client, db):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == "not_found"
    assert "/api/v1/no-such-thing" in body["detail"]


def test_permission_denied_shows_its_reason(client, applicant):
    client.force_login(applicant)
    response = client.get("/calls/new/")
    assert_error_page(response, 403, "无权访问")
    assert "只有市科技局工作人员可以发布建设通知。" in page(response)
    assert 'href="/workbench/">我的待办</a>' in page(response)


def test_permission_denied_without_a_reason_says_whom_to_ask(client, applicant):
    client.force_login(applicant)
    response = client.get("/calendar/")
    assert_error_page(response, 403, "无权访问")
    assert "请联系本单位的安全管理员" in page(response)


def test_bad_request_is_the_chinese_400(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert_error_page(response, 400, "请求无法处理")


@pytest.mark.urls("tests.web.error_urls")
def test_server_error_is_the_chinese_500(client, applicant):
    client.raise_request_exception = False
    client.force_login(applicant)
    response = client.get("/test-fails/")
    assert_error_page(response, 500, "系统出错")
    html = page(response)
    assert 'href="/workbench/">我的待办</a>' in html
    assert "Traceback" not in html and "RuntimeError" not in html


@pytest.mark.urls("tests.web.error_urls")
def test_server_error_under_the_api_is_json(client, db):
    client.raise_request_exception = False
    response = client.get("/api/test-fails/")
    assert response.status_code == 500
    assert response.json()["error"] == "server_error"


def test_500_page_needs_no_database(django_assert_num_queries, db):
    # The database may be what failed: rendering the page must not touch it.
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/anything/"))
    assert_error_page(response, 500, "系统出错")


def test_500_page_falls_back_to_plain_html_when_its_template_fails(settings, db):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "APP_DIRS": False, "DIRS": []}]
    response = server_error(RequestFactory().get("/anything/"))
    assert response.status_code == 500
    assert "系统出错" in page(response) and "返回首页" in page(response)


def test_a_form_posted_without_its_security_token_gets_the_chinese_403_page(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "安全校验未通过" in page and "CSRF verification failed" not in page
