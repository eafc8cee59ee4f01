from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "ticms.reviews"
    verbose_name = "专家论证"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from .endpoints import register_all

        register_all()
        from . import todos

        todos.register()
