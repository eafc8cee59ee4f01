from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ticms.accounts.roles import Role

from . import home as home_registry
from . import workbench as workbench_registry
from .roles_help import ROLE_HELP

# The public entry points (cards on the home page). Plain paths: the apps behind them own their URL names.
HOME_LINKS = [
    ("/calls/", _("Calls for applications"), _("Open calls of the bureau and how to apply."), _("Art. 9(1)")),
    ("/notices/", _("Notices"), _("Public notices of centers to be recognized; raise an objection."), _("Art. 9(4)")),
    ("/centers/", _("Center directory"), _("Recognized and preparatory municipal centers."), _("Art. 9(4), 11")),
    ("/eligibility/", _("Eligibility self-check"), _("Check your organisation against the conditions."), _("Art. 8")),
    ("/policy/", _("Policy parameters"), _("The measures as parameters, each with its article."), _("Art. 1, 18")),
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
    return render(
        request,
        "web/workbench.html",
        {"groups": groups, "general": general, "total": total},
    )
