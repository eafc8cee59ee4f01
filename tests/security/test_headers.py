"""Every answer carries a Content-Security-Policy without inline scripts, a Permissions-Policy, and signed-in
pages and API answers are never kept in a browser's cache."""

import re
from pathlib import Path

import pytest

from ticms.accounts.services import create_api_token

SRC = Path(__file__).resolve().parents[2] / "src" / "ticms"


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_page_has_a_strict_content_security_policy(client):
    csp = directives(client.get("/"))
    assert csp["default-src"] == "default-src 'self'"
    assert csp["script-src"] == "script-src 'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == "style-src 'self'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["object-src"] == "object-src 'none'"


@pytest.mark.django_db
def test_permissions_policy_turns_off_camera_microphone_and_location(client):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
def test_signed_in_page_is_not_stored_by_the_browser(client, bureau_officer):
    client.force_login(bureau_officer)
    cache = client.get("/workbench/")["Cache-Control"]
    assert "no-store" in cache and "private" in cache


@pytest.mark.django_db
def test_api_answers_are_not_stored_signed_in_by_token_or_anonymous(client, bureau_officer):
    _token, raw = create_api_token(user=bureau_officer, name="脚本")
    assert "no-store" in client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")["Cache-Control"]
    assert "no-store" in client.get("/api/v1/centers/public")["Cache-Control"]


@pytest.mark.django_db
def test_static_files_stay_cacheable(client):
    response = client.get("/static/web/ticms.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def templates() -> list[Path]:
    return sorted([*SRC.rglob("templates/**/*.html"), *SRC.rglob("jinja2/**/*.jinja")])


# documents/official.html is rendered to PDF by WeasyPrint, never served to a browser.
SERVED = [t for t in templates() if t.name != "official.html"]


@pytest.mark.parametrize("pattern, what", [
    (r"<script(?![^>]*\bsrc=)[^>]*>", "an inline <script> (move it to a file under web/static/)"),
    (r"\son[a-z]+\s*=", "an on…= event handler (use data-confirm or a listener in web/static/web/ticms.js)"),
    (r"\sstyle\s*=", "a style=\"…\" attribute (use a class in web/static/web/ticms.css)"),
    (r"<style[\s>]", "a <style> element"),
])
def test_no_template_needs_inline_script_or_style(pattern, what):
    offenders = [f"{t.relative_to(SRC)}" for t in SERVED if re.search(pattern, t.read_text(encoding="utf-8"), re.I)]
    assert not offenders, f"{what}: {offenders}"


def test_inline_json_data_is_still_allowed_because_it_is_not_executed():
    # json_script renders <script type="application/json">, which the CSP does not run; the pattern above
    # must therefore only be about templates we write by hand.
    assert any("json_script" in t.read_text(encoding="utf-8") for t in SERVED)
