from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "ticms.reviews"
    verbose_name = "专家论证"

    def ready(self) -> None:
        from .endpoints import register_all

        register_all()
        from . import todos

        todos.register()
