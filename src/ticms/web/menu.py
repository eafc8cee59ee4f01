"""The menus, declared once: the portal's top navigation and the back office's grouped sidebar.

Each back-office entry names its page (URL name), the roles that may open it and the group it sits in; the
sidebar shows a signed-in user only the entries of roles they hold, and the breadcrumbs (首页 → group → entry →
page) come from the same entry, found by the URL name of the page being shown (`pages`). A label is the title
of the page it opens (tests/web/test_menu.py checks both).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch

from ticms.pages import fill_url

B, C, A, E = "bureau_officer", "county_officer", "applicant", "expert"
SYSTEM, SECURITY, AUDIT = "system_admin", "security_admin", "audit_admin"


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    # Roles that may open the page; empty: every signed-in user.
    roles: tuple[str, ...] = ()
    group: str = ""
    # Other pages (URL names) reached from this entry: their breadcrumbs run through it and it shows as current.
    pages: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        try:
            return fill_url(self.url_name)  # reversed once: the layout draws some thirty entries on every page
        except NoReverseMatch:  # an app not installed in this configuration
            return ""

    def opens_for(self, held) -> bool:
        return not self.roles or any(role in held for role in self.roles)


# The public portal: everyone, signed in or not.
PORTAL = (
    Entry("首页", "home"),
    Entry("建设通知", "call_list", pages=("call_detail",)),
    Entry("公示公告", "notices:notice_list", pages=("notices:notice_detail", "notices:objection_create")),
    Entry("创新中心名录", "centers:directory", pages=("centers:public_detail",)),
    Entry("资格自评", "eligibility_self_check"),
    Entry("政策参数", "policy"),
)

GROUPS = ("工作台", "申报管理", "中心管理", "系统")

BACKOFFICE = (
    Entry("我的待办", "workbench", group="工作台"),
    Entry("统计分析", "dashboard", (B, C), "工作台"),
    Entry("站内消息", "notifications:inbox", group="工作台", pages=("notifications:message",)),
    Entry("建设通知", "call_list", (B,), "申报管理", ("call_new", "call_detail")),
    Entry(
        "申请书",
        "application_list",
        (A, C, B),
        "申报管理",
        ("application_new", "application_detail", "application_edit"),
    ),
    Entry("我的评审任务", "reviews:my_assignments", (E,), "申报管理", ("reviews:assignment_detail",)),
    Entry("专家库", "reviews:expert_list", (B,), "申报管理", ("reviews:expert_create", "reviews:expert_edit")),
    Entry("专家组", "reviews:panel_list", (B,), "申报管理", ("reviews:panel_create", "reviews:panel_detail")),
    Entry("公示公告", "notices:notice_list", (B,), "申报管理", ("notices:notice_detail",)),
    Entry("新建公示", "notices:notice_create", (B,), "申报管理"),
    Entry("异议处理", "notices:objection_list", (B,), "申报管理", ("notices:objection_detail",)),
    Entry(
        "创新中心",
        "centers:center_list",
        (A, C, B),
        "中心管理",
        (
            "centers:center_manage",
            "centers:profile_edit",
            "centers:sub_institute_new",
            "centers:output_new",
            "centers:support_new",
            "centers:visit_new",
            "centers:filing_new",
            "centers:filing_detail",
            "centers:change_new",
            "centers:change_detail",
            "centers:change_edit",
        ),
    ),
    Entry(
        "绩效评估",
        "evaluations:round_list",
        (A, C, B),
        "中心管理",
        (
            "evaluations:round_create",
            "evaluations:round_detail",
            "evaluations:round_results",
            "evaluations:evaluation_detail",
            "evaluations:materials_edit",
        ),
    ),
    Entry("发文登记", "documents:register", (B,), "中心管理"),
    Entry("数据导入", "imports:index", (B, SYSTEM), "系统", ("imports:upload",)),
    Entry(
        "个人中心",
        "account_home",
        group="系统",
        pages=("account_password", "account_2fa", "api_tokens", "notifications:preferences"),
    ),
    Entry("角色管理", "security_roles", (SECURITY,), "系统"),
    Entry("在线用户", "security_online", (SECURITY,), "系统"),
    Entry("登录失败与锁定", "security_lockouts", (SECURITY,), "系统"),
    Entry("审计日志", "audit_log", (AUDIT,), "系统"),
    Entry("工作日历", "calendar_admin", (SYSTEM,), "系统"),
    Entry("定时任务", "notifications:jobs", (SYSTEM,), "系统"),
    Entry("消息发送失败记录", "notifications:deliveries", (SYSTEM,), "系统"),
)

# Not a page of ours (Django's admin keeps its own layout), so outside the table the titles are checked against.
ADMIN_SITE = Entry("系统管理", "admin:index", (SYSTEM,), "系统")


def entries_for(user) -> list[Entry]:
    """The back-office entries this user may open, in menu order."""
    if not getattr(user, "is_authenticated", False):
        return []
    held = user.role_set
    return [e for e in (*BACKOFFICE, ADMIN_SITE) if e.opens_for(held)]


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def current_entry(entries, view_name: str) -> Entry | None:
    for entry in entries:
        if view_name == entry.url_name:
            return entry
    for entry in entries:
        if view_name in entry.pages:
            return entry
    return None


def sidebar(request) -> dict:
    """The context of both layouts: the portal's links, the sidebar's groups and the current entries."""
    # A request refused before the middleware ran (400 on a bad Host) has no user.
    entries = entries_for(getattr(request, "user", None))
    view_name = _view_name(request)
    current = current_entry(entries, view_name)
    groups = []
    for name in GROUPS:
        items = [e for e in entries if e.group == name]
        if items:
            groups.append({"label": name, "entries": items})
    return {
        "menu_portal": PORTAL,
        "menu_portal_current": current_entry(PORTAL, view_name),
        "menu_groups": groups,
        "menu_current": current,
        "menu_on_entry_page": current is not None and view_name == current.url_name,
    }
