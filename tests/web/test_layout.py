"""What every page has: a skip link, a favicon, the configured site footer, a visible keyboard focus."""

import re

from django.contrib.staticfiles import finders

FOCUSABLE = re.compile(r"<(a|button|input|select|textarea)\b[^>]*>", re.I)


def test_skip_link_is_the_first_focusable_element_and_targets_main(client, db):
    html = client.get("/").content.decode()
    body = html[html.index("<body"):]
    first = FOCUSABLE.search(body[body.index(">") + 1:]).group(0)
    assert 'href="#main"' in first
    assert "跳到主要内容" in body[: body.index("</a>")]
    assert re.search(r'<main[^>]*\bid="main"[^>]*\btabindex="-1"', html)


def test_focus_is_visible_in_the_stylesheet():
    css = open(finders.find("web/ticms.css"), encoding="utf-8").read()
    assert re.search(r":focus-visible\s*\{[^}]*outline:\s*\d", css)


def test_pages_link_the_svg_favicon(client, db):
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/web/favicon\.svg" type="image/svg\+xml">', html)
    assert finders.find("web/favicon.svg")


def test_favicon_ico_is_found(client, db):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_footer_shows_the_sponsor_by_default_and_omits_empty_values(client, db):
    html = client.get("/").content.decode()
    assert "主办单位：朔州市科学技术局" in html
    assert "ICP备案号" not in html
    assert "网站标识码" not in html
    assert "联系方式" not in html


def test_footer_shows_the_configured_values(client, db, settings):
    settings.TICMS_SITE_SPONSOR = "朔州市科学技术局（试运行）"
    settings.TICMS_SITE_ICP = "晋ICP备00000000号-1"
    settings.TICMS_SITE_ID = "1406000001"
    settings.TICMS_SITE_CONTACT = "0349-0000000"
    html = client.get("/login/").content.decode()
    for text in ("主办单位：朔州市科学技术局（试运行）", "ICP备案号：晋ICP备00000000号-1",
                 "网站标识码：1406000001", "联系方式：0349-0000000"):
        assert text in html


def test_footer_can_leave_out_the_sponsor(client, db, settings):
    settings.TICMS_SITE_SPONSOR = ""
    assert "主办单位" not in client.get("/").content.decode()


def test_no_template_comment_leaks_into_a_page(client, applicant):
    # Django's {# #} is one line only; a multi-line one is printed as text.
    assert "{#" not in client.get("/").content.decode()
    client.force_login(applicant)
    assert "{#" not in client.get("/workbench/").content.decode()
