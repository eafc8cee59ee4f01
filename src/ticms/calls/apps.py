from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "ticms.calls"
    verbose_name = _("Calls for applications")

    def ready(self) -> None:
        from ticms.web import home

        from .home import open_calls

        home.register(open_calls)
