from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "ticms.applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from .endpoints import register_all

        register_all()
        from ticms.web import workbench

        from .workbench import application_todos

        workbench.register(application_todos)
