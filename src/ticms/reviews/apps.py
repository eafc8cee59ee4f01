from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "ticms.reviews"
    verbose_name = _("Expert review")

    def ready(self) -> None:
        from .endpoints import register_all

        register_all()
        from . import todos

        todos.register()
