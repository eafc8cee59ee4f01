from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ticms.ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks  # noqa: F401  (TICMS_DB_POOL on SQLite)
