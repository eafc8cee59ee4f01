from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ticms.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from . import signals  # noqa: F401  (sign-in success/failure)
