from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ticms.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (sign-in success/failure)
