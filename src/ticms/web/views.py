from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from ticms.accounts.roles import Role

from . import dashboard as dashboard_figures
from . import workbench as workbench_registry
from .roles_help import ROLE_HELP
from .routes import page


@page("workbench/")
@login_required
def workbench(request):
    user = request.user
    sections = workbench_registry.cached_sections_for(user)
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


@page("dashboard/")
@login_required
def dashboard(request):
    """统计看板: the bureau (everything) and county officers (their jurisdiction); everyone else is refused."""
    figures = dashboard_figures.figures_for(request.user)
    if figures is None:
        raise PermissionDenied("只有市科技局和归口管理单位的工作人员可以查看统计看板。")
    sections = [(chart, dashboard_figures.table_rows(chart)) for chart in figures["charts"]]
    return render(request, "web/dashboard.html", {"figures": figures, "sections": sections})
