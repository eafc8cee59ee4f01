from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "ticms.notices"
    verbose_name = "公示公告"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from .endpoints import register_all

        register_all()
        from . import todos

        todos.register()
