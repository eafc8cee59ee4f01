from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "ticms.applications"
    verbose_name = "申请"

    def ready(self) -> None:
        from .endpoints import register_all

        register_all()
        from ticms.web import workbench

        from .workbench import application_todos

        workbench.register(application_todos)
