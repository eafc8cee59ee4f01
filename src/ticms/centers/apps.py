from django.apps import AppConfig


class CentersConfig(AppConfig):
    name = "ticms.centers"
    verbose_name = "创新中心"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from .endpoints import register_all

        register_all()
        from ticms.web import home, workbench

        from . import todos
        from .home import recent_centers

        for provider in todos.PROVIDERS:
            workbench.register(provider)
        home.register(recent_centers)
