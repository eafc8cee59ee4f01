import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

import ticms

SRC = Path(ticms.__file__).resolve().parent
VENDORED = [
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "vendor/bootstrap/LICENSE",
    "vendor/htmx/htmx.min.js",
    "vendor/htmx/LICENSE",
    "vendor/echarts/echarts.min.js",
    "vendor/echarts/LICENSE",
    "vendor/VERSIONS.txt",
    "web/ticms.css",
    "web/ticms.js",
]
# src="http…", href="//…", url(http…), @import "http…": anything the browser would fetch from elsewhere.
REMOTE = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I
)


@pytest.mark.parametrize("name", VENDORED)
def test_vendored_file_is_found_by_staticfiles(name):
    assert finders.find(name), name


@pytest.mark.parametrize("name", ["vendor/bootstrap/bootstrap.min.css", "vendor/htmx/htmx.min.js", "web/ticms.css"])
def test_vendored_file_is_served(client, db, name):
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(body) > 100


def test_base_page_loads_only_local_assets(client, db):
    page = client.get(reverse("home")).content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in page
    assert "/static/vendor/htmx/htmx.min.js" in page
    assert not REMOTE.search(page)


def test_no_template_or_stylesheet_links_a_remote_asset():
    files = [p for p in SRC.rglob("*.html") if "templates" in p.parts]
    files += list(SRC.rglob("jinja2/**/*.jinja"))
    files += list(SRC.rglob("static/**/*.css"))
    assert files
    offenders = [str(p.relative_to(SRC)) for p in files if REMOTE.search(p.read_text("utf-8"))]
    assert offenders == []


def test_login_page_is_chinese_for_an_english_browser_and_an_english_cookie(client, db):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert "登录" in page
    assert "Sign in" not in page and "English" not in page


def test_there_is_no_language_switch(client, db):
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 404


def test_role_labels_are_chinese():
    from ticms.accounts.roles import Role

    assert str(Role.BUREAU_OFFICER.label) == "市科技局工作人员"


def test_the_interface_has_one_language():
    """Messages are written in Chinese where they are used; no gettext layer, no catalogue of our own."""
    pattern = re.compile(r"gettext|{%\s*(trans|translate|blocktrans|blocktranslate)\b|load i18n|\b_\(\"")
    files = [p for p in SRC.rglob("*") if p.suffix in {".py", ".html"} and "migrations" not in p.parts]
    offenders = [str(p.relative_to(SRC)) for p in files if pattern.search(p.read_text("utf-8"))]
    assert offenders == []
    assert not (SRC / "locale").exists()
