from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "ticms.calls"
    verbose_name = "建设通知"

    def ready(self) -> None:
        from ticms.web import home

        from .home import open_calls

        home.register(open_calls)
