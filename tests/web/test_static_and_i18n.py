import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

import ticms
from ticms.web import po

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
    files += list(SRC.rglob("static/**/*.css"))
    assert files
    offenders = [str(p.relative_to(SRC)) for p in files if REMOTE.search(p.read_text("utf-8"))]
    assert offenders == []


def test_login_page_is_chinese_by_default(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page
    assert "Sign in" not in page


def test_login_page_in_english_when_chosen(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login")).content.decode()
    assert "Sign in" in page
    assert "登录" not in page


def test_chinese_by_default_even_for_an_english_browser(client, db):
    assert "登录" in client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()


def test_english_when_chosen_with_the_language_switch(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Sign in" in client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "登录" in client.get(reverse("login")).content.decode()


def test_role_labels_are_translated():
    from ticms.accounts.roles import Role

    with translation.override("zh-hans"):
        assert str(Role.BUREAU_OFFICER.label) == "市科技局工作人员"
    with translation.override("en"):
        assert str(Role.BUREAU_OFFICER.label) == "Bureau officer"


def test_every_msgid_used_has_a_chinese_translation():
    missing = po.missing_translations()
    assert not missing, "without zh_Hans translation (run `ticms i18n_check`):\n" + "\n".join(
        f"{m!r} ← {sorted(f)}" for m, f in sorted(missing.items())
    )


def test_compiled_catalogue_is_up_to_date():
    """django.mo holds every translation of django.po (run `ticms i18n_check --compile` after editing the .po)."""
    import gettext

    with po.ZH_PO.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog
    for msgid, msgstr in po.catalogue().items():
        assert compiled.get(msgid) == msgstr, msgid


def test_po_tools_extract_template_and_python_msgids():
    template = """{% translate "Sign in" %} {% trans 'Home' context "x" %} {{ x|default:_("System") }}
    {% blocktranslate trimmed with n=1 %}
      Page {{ n }}
      of many
    {% endblocktranslate %}"""
    assert po.template_msgids(template) == {"Sign in", "Home", "System", "Page %(n)s of many"}
    assert po.python_msgids('from x import _\n_("A" "B")\ngettext_lazy("C")\nother("D")') == {"AB", "C"}
