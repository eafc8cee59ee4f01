from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "ticms.notices"
    verbose_name = _("Public notices")

    def ready(self) -> None:
        from .endpoints import register_all

        register_all()
        from . import todos

        todos.register()
