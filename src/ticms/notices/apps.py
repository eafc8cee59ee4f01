from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "ticms.notices"
    verbose_name = _("Public notices")

    def ready(self) -> None:
        from . import todos

        todos.register()
