from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "ticms.policy"
    verbose_name = "政策与工作日历"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from ticms.web import workbench

        from .workbench import calendar_todos

        workbench.register(calendar_todos)
