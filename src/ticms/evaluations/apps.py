from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "ticms.evaluations"
    verbose_name = _("Performance evaluation")

    def ready(self) -> None:
        from .endpoints import register_all

        register_all()
        from ticms.web import workbench

        from . import panels, todos

        panels.register()
        for provider in todos.PROVIDERS:
            workbench.register(provider)
