from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "ticms.policy"
    verbose_name = _("Policy and calendar")

    def ready(self) -> None:
        from ticms.web import workbench

        from .workbench import calendar_todos

        workbench.register(calendar_todos)
