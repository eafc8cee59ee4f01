from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "ticms.evaluations"
    verbose_name = "绩效评估"

    def ready(self) -> None:
        from .endpoints import register_all

        register_all()
        from ticms.web import workbench

        from . import panels, todos

        panels.register()
        for provider in todos.PROVIDERS:
            workbench.register(provider)
