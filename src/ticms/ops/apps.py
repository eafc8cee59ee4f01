from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ticms.ops"
    verbose_name = "Operations"
