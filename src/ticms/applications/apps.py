from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "ticms.applications"
    verbose_name = "申请"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from .endpoints import register_all

        register_all()
        from ticms.web import workbench

        from .workbench import application_todos

        workbench.register(application_todos)
