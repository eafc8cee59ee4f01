from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "ticms.calls"
    verbose_name = "建设通知"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from ticms.web import home

        from .home import open_calls

        home.register(open_calls)
