from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "ticms.evaluations"
    verbose_name = "绩效评估"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from .endpoints import register_all

        register_all()
        from ticms.policy.loader import register_section_validator

        from .indicators import validate_evaluation_section

        register_section_validator("evaluation", validate_evaluation_section)
        from ticms.web import workbench

        from . import panels, todos

        panels.register()
        for provider in todos.PROVIDERS:
            workbench.register(provider)
