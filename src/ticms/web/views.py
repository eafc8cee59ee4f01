from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from ticms.accounts.roles import Role

from . import dashboard as dashboard_figures
from . import home as home_registry
from . import workbench as workbench_registry
from .roles_help import ROLE_HELP

# The public entry points (cards on the home page). Plain paths: the apps behind them own their URL names.
HOME_LINKS = [
    ("/calls/", "建设通知", "市科技局发布的建设通知及申报方式。", "第九条第（一）项"),
    ("/notices/", "公示公告", "拟认定市创中心的公示，可在公示期内提出异议。", "第九条第（四）项"),
    ("/centers/", "创新中心名录", "已认定和筹建的市技术创新中心。", "第九条第（四）项、第十一条"),
    ("/eligibility/", "资格自评", "对照组建条件检查本单位是否符合。", "第八条"),
    ("/policy/", "政策参数", "管理办法中的各项参数，每项均注明条款。", "第一条、第十八条"),
]


def home(request):
    return render(
        request,
        "web/home.html",
        {"links": HOME_LINKS, "sections": home_registry.sections_for(request)},
    )


@login_required
def workbench(request):
    user = request.user
    sections = workbench_registry.sections_for(user)
    groups = []
    for role in Role:
        if not user.has_role(role):
            continue
        role_sections = [s for s in sections if s.role == role]
        groups.append(
            {
                "role": role.value,
                "label": role.label,
                "help": ROLE_HELP.get(role),
                "sections": role_sections,
                "count": sum(s.count or 0 for s in role_sections),
            }
        )
    general = [s for s in sections if not s.role]
    total = sum(s.count or 0 for s in sections)
    # The bureau's summary tiles (统计看板) above its to-dos; the figures are cached a minute.
    tiles = dashboard_figures.figures_for(user)["tiles"] if user.has_role(Role.BUREAU_OFFICER) else None
    return render(
        request,
        "web/workbench.html",
        {"groups": groups, "general": general, "total": total, "tiles": tiles},
    )


@login_required
def dashboard(request):
    """统计看板: the bureau (everything) and county officers (their jurisdiction); everyone else is refused."""
    figures = dashboard_figures.figures_for(request.user)
    if figures is None:
        raise PermissionDenied("只有市科技局和归口管理单位的工作人员可以查看统计看板。")
    sections = [(chart, dashboard_figures.table_rows(chart)) for chart in figures["charts"]]
    return render(request, "web/dashboard.html", {"figures": figures, "sections": sections})
