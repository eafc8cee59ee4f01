from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ticms.web"
    verbose_name = "Web"
