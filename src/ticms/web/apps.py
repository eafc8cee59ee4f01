from django.apps import AppConfig

from . import form_messages

# Before any form class is declared (see form_messages): apps modules are imported before models, views and forms.
form_messages.install()


class WebConfig(AppConfig):
    name = "ticms.web"
    verbose_name = "Web"
