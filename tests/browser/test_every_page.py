"""Every page of every role, at 1440×900 and 390×844, in Chromium, on the demonstration data.

Per role, the pages are found as a user finds them: from the landing page, following the links of the menu and of
each page (one page per URL name, so one record page per kind of record), three clicks deep. Each page must answer
200, fit the screen, log no console error, load every sub-resource, have no critical or serious axe-core
violation, and show no English word or raw code (tests/browser/pagecheck.py). Each role must reach the pages listed
for it in ROLES, and those lists must name every page of the URLconf that takes no argument, so a page no menu
links to is noticed. A 404 page and a page the role may not open (403) are checked too.
"""

from __future__ import annotations

import pytest
from django.urls import Resolver404, URLResolver, get_resolver, resolve

from .pagecheck import Visitor, session_cookie

pytestmark = pytest.mark.browser

# Not pages: downloads, redirects that act, images, the API; the admin beyond its index is Django's own.
NOT_PAGES = {
    "favicon",
    "logout",
    "captcha-image",
    "captcha-image-2x",
    "captcha-audio",
    "captcha-refresh",
    "attachment_download",
    "download",
    "preview",
    "audit_export",  # now a redirect to audit_exports
    "audit_export_download",
    "change_attachment",
    "open",
    "mark_read",
    "mark_all_read",
    "audit_verify",
    "otp_verify",
    "job_run",
    "issue",  # documents:issue, a form's action (POST only)
    "call_file_add",  # a form's action (POST only)
    "call_file",  # a download
    "application_batch",  # the application list's batch form's action (POST only)
}
# Pages every role sees alike (the public site, 个人中心, 消息): checked for the first roles listed under them, and
# counted as reached (not visited again) for the others, to keep the file within its time.
SHARED = {
    "anonymous": {
        "home",
        "policy",
        "login",
        "eligibility_self_check",
        "notices:notice_list",
        "notices:notice_detail",
        "notices:objection_create",
        "centers:directory",
        "centers:public_detail",
    },
    "account": {
        "account_home",
        "account_password",
        "account_2fa",
        "api_tokens",
        "notifications:inbox",
        "notifications:preferences",
    },
}
SHARED_CHECKED_BY = {"anonymous": {"anonymous", "applicant"}, "account": {"applicant", "bureau_officer"}}
ROLES = {  # role → the demo account (`ticms demo`) and the pages it must reach at least
    "anonymous": (None, {*SHARED["anonymous"], "call_list", "call_detail", "site_search"}),
    "applicant": (
        "applicant",
        {
            "workbench",
            "application_list",
            "application_new",
            "application_detail",
            "application_edit",
            "centers:center_list",
            "centers:center_manage",
            "evaluations:round_list",
            "evaluations:evaluation_detail",
            *SHARED["account"],
        },
    ),
    "county_officer": (
        "county",
        {
            "workbench",
            "dashboard",
            "application_list",
            "application_detail",
            "centers:center_list",
            "evaluations:round_list",
            "evaluations:overdue_evaluations",
            "evaluations:overdue_rectifications",
        },
    ),
    "bureau_officer": (
        "bureau",
        {
            "workbench",
            "dashboard",
            "application_list",
            "application_detail",
            "call_new",
            "reviews:expert_list",
            "reviews:expert_create",
            "reviews:panel_list",
            "reviews:panel_detail",
            "notices:notice_create",
            "notices:objection_list",
            "centers:center_list",
            "centers:center_manage",
            "evaluations:round_list",
            "evaluations:round_create",
            "evaluations:round_detail",
            "evaluations:overdue_evaluations",
            "evaluations:overdue_rectifications",
            "documents:register",
            "centers:filing_list",
            "centers:change_list",
            "centers:support_list",
            "centers:output_list",
            "imports:index",
            "imports:upload",
        },
    ),
    "expert": ("expert", {"workbench", "reviews:my_assignments", "reviews:assignment_detail"}),
    "system_admin": (
        "sysadmin",
        {
            "workbench",
            "calendar_admin",
            "admin:index",
            "notifications:jobs",
            "notifications:deliveries",
            "imports:index",
        },
    ),
    "security_admin": ("secadmin", {"workbench", "security_roles", "security_online", "security_lockouts"}),
    "audit_admin": ("auditadmin", {"workbench", "audit_log", "audit_exports"}),
}
FORBIDDEN = {
    "applicant": "/audit/",
    "county_officer": "/calls/new/",
    "bureau_officer": "/security/roles/",
    "expert": "/applications/new/",
    "system_admin": "/audit/",
    "security_admin": "/audit/",
    "audit_admin": "/security/roles/",
}
# Django's admin beyond its index and one list: its own add/change forms, whose widgets set inline styles.
ADMIN_PAGES = {"admin:index", "admin:app_list", "admin:changelist"}
DEPTH = 3


def url_name(path: str) -> str | None:
    """The URL name a path resolves to (with its namespace), or None for a path no page answers. Links are read
    as bare paths; a start may carry a query (the search results)."""
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return None
    if match.namespace == "admin":
        name = match.url_name or ""
        return "admin:" + (
            "changelist" if name.endswith("_changelist") else "change" if name.endswith("_change") else name
        )
    return match.view_name


def pages_without_arguments() -> set[str]:
    """Every page of the URLconf that takes no argument (but the admin's, the API's and those in NOT_PAGES)."""
    names = set()

    def walk(resolver, prefix="", namespace=None):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith(("admin/", "api/", "captcha/")):
                    walk(pattern, route, pattern.namespace or namespace)
            elif "<" not in route and "(?P" not in route and pattern.name not in (None, *NOT_PAGES):
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver())
    return names


def crawl(visitor: Visitor, starts: list[str], skip: set[str]) -> tuple[dict[str, str], list[str]]:
    """Visit the pages reachable from `starts` but those in `skip` (counted as reached, not opened);
    returns ({url name: path}, problems)."""
    seen: dict[str, str] = {}
    problems: list[str] = []
    frontier = starts
    for _ in range(DEPTH + 1):
        following = []
        for path in frontier:
            name = url_name(path)
            if (
                name is None
                or name in seen
                or name.split(":")[-1] in NOT_PAGES
                or path.startswith("/api/")
                or name.startswith("admin:")
                and name not in ADMIN_PAGES
            ):
                continue
            seen[name] = path
            if name in skip:
                continue
            visit = visitor.visit(path)
            problems += [f"{path}: {problem}" for problem in visit.problems]
            following += visit.links
        frontier = list(dict.fromkeys(following))
    return seen, problems


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_the_role_is_fit_for_use(role, browser, live_server, demo_data):
    username, must_reach = ROLES[role]
    skip = set().union(*(SHARED[group] for group, roles in SHARED_CHECKED_BY.items() if role not in roles))
    visitor = Visitor(browser, live_server.url, session_cookie(username) if username else None)
    try:
        # The search page is a form's answer, not a link: the visitor starts from one search as well.
        starts = ["/workbench/"] if username else ["/", "/login/", "/search/?q=%E5%82%A8%E8%83%BD"]
        seen, problems = crawl(visitor, starts, skip)
        problems += [f"/no-such-page/: {p}" for p in visitor.visit("/no-such-page/", expect_status=404).problems]
        if role in FORBIDDEN:
            problems += [
                f"{FORBIDDEN[role]} (refused): {p}" for p in visitor.visit(FORBIDDEN[role], expect_status=403).problems
            ]
    finally:
        print(role, {k: round(v, 1) for k, v in visitor.spent.items()})
        visitor.close()
    missing = must_reach - set(seen)
    assert not missing, f"{role} did not reach {sorted(missing)} (reached {sorted(seen)})"
    assert not problems, f"{role}: {len(problems)} problems on {len(seen)} pages:\n" + "\n".join(problems)


def test_every_page_without_arguments_is_expected_of_some_role():
    """The table above keeps up with the URLconf: a new page is added to some role's pages to reach."""
    expected = set().union(*(pages for _username, pages in ROLES.values()))
    assert pages_without_arguments() - expected == set()
