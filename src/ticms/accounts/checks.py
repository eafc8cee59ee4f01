"""`ticms check --deploy` warns while a superuser exists: one is made only for a break-glass and closed after."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from .models import User


@register(Tags.security, deploy=True)
def no_superuser(app_configs, **kwargs):
    try:
        names = list(User.objects.filter(is_superuser=True, is_active=True).values_list("username", flat=True))
    except DatabaseError:
        return []
    if not names:
        return []
    return [Warning(f"superuser accounts are open: {', '.join(names)}",
                    hint="Close them with `ticms breakglass --close --reason ...` (docs/security.md).",
                    id="ticms.W010")]
