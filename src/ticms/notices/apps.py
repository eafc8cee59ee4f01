from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "ticms.notices"
    verbose_name = "公示公告"

    def ready(self) -> None:
        from .endpoints import register_all

        register_all()
        from . import todos

        todos.register()
