"""The roles of DESIGN §2. A user may hold several; every action names the role it acts in."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from ticms.policy.citation import cite
from ticms.vocabulary import Vocabulary

vocabulary = Vocabulary(__name__)
Role = vocabulary.choices("Role")


# 三员: each is held by a different person, and none holds another (DESIGN §2; GB/T 22239-2019 8.1.4.2).
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN.value, Role.SECURITY_ADMIN.value, Role.AUDIT_ADMIN.value})

# Which membership target each role needs: an organisation, a competent unit, or none.
ROLE_NEEDS_ORGANISATION = {Role.APPLICANT}
ROLE_NEEDS_COMPETENT_UNIT = {Role.COUNTY_OFFICER}


# Events written by `ticms tick` and other scheduled jobs act in this role: no user, no membership.
SYSTEM_ROLE = "system"


def role_label(role: str) -> str:
    """The role's name as users read it (Chinese by default); an unknown code is shown as it is."""
    if role == SYSTEM_ROLE:
        return "系统"
    try:
        return str(Role(role).label)
    except ValueError:
        return role


class RoleRequired(PermissionDenied):
    """Refused because the user does not hold `role`: a 403 page, or JSON 403 with the article."""

    def __init__(self, role: str, doing: str = "执行此操作", article: str = ""):
        self.role, self.article = role, article
        basis = f"（{cite(article)}）" if article else ""
        super().__init__(f"只有{role_label(role)}可以{doing}{basis}。")


def require_role(user, role: str, *, doing: str = "执行此操作", article: str = "") -> None:
    """The one check that `user` holds `role` at all (whether they hold it for a record is `scope.acts_for`)."""
    if not (user is not None and user.is_authenticated and user.has_role(role)):
        raise RoleRequired(role, doing, article)


def role_required(role: str, *, doing: str = "执行此操作"):
    """A page's check: signed in (else the sign-in page), then `require_role` (else the 403 page)."""
    def decorate(view):
        @login_required
        @wraps(view)
        def checked(request, *args, **kwargs):
            require_role(request.user, role, doing=doing)
            return view(request, *args, **kwargs)

        return checked

    return decorate
