"""`make screens`: screenshots of each role's workbench, a list, a record page and an error page, at 1440×900 and
390×844, on the demonstration data, into docs/screens/ (JPEG, the visible window only, to keep them small).

Run by pytest (`python -m pytest tests/browser/screens.py`): its live server, Chromium and demo data are the browser
tests' own. The file's name does not start with test_, so the suite does not collect it.
"""

from __future__ import annotations

from pathlib import Path

from .pagecheck import DESKTOP, PHONE, session_cookie

OUT = Path(__file__).resolve().parents[2] / "docs" / "screens"
# role → (demo account, workbench, a list, a record page: a path, or the first link of the list under this prefix)
SHOTS = {
    "anonymous": (None, "/", "/notices/", "/notices/"),
    "applicant": ("applicant", "/workbench/", "/applications/", "/applications/"),
    "county_officer": ("county", "/workbench/", "/applications/", "/applications/"),
    "bureau_officer": ("bureau", "/workbench/", "/applications/", "/applications/"),
    "expert": ("expert", "/workbench/", "/reviews/assignments/", "/reviews/assignments/"),
    "system_admin": ("sysadmin", "/workbench/", "/system/jobs/", "/calendar/"),
    "security_admin": ("secadmin", "/workbench/", "/security/roles/", "/security/online/"),
    "audit_admin": ("auditadmin", "/workbench/", "/audit/", "/audit/?actor=bureau"),
}


def _record(page, base: str, list_path: str, prefix: str) -> str:
    """The first record linked from the list page (a path like /applications/12/), else `prefix` itself."""
    if prefix != list_path:
        return prefix
    page.goto(base + list_path)
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
    for href in hrefs:
        rest = href[len(prefix) :] if href.startswith(prefix) else ""
        if rest[:1].isdigit():
            return href
    return list_path


def test_screens(browser, live_server, demo_data):
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.jpg"):
        old.unlink()
    for role, (username, workbench, list_path, record) in SHOTS.items():
        context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
        if username:
            name, value = session_cookie(username)
            context.add_cookies([{"name": name, "value": value, "url": live_server.url}])
        page = context.new_page()
        pages = {
            "workbench": workbench,
            "list": list_path,
            "record": _record(page, live_server.url, list_path, record),
            "error": "/no-such-page/",
        }
        for kind, path in pages.items():
            for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                page.set_viewport_size(viewport)
                page.goto(live_server.url + path, wait_until="networkidle")
                page.screenshot(path=str(OUT / f"{role}-{kind}-{width}.jpg"), type="jpeg", quality=50)
        context.close()
    assert len(list(OUT.glob("*.jpg"))) == len(SHOTS) * 4 * 2
