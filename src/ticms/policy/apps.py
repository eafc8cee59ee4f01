from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "ticms.policy"
    verbose_name = "政策与工作日历"

    def ready(self) -> None:
        from ticms.web import workbench

        from .workbench import calendar_todos

        workbench.register(calendar_todos)
