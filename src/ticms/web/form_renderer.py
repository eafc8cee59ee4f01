"""How every form field is drawn: Django's own widget templates, in their Jinja2 edition where one exists.

Django draws each widget, option and attribute list through a template, and in its own engine that costs: the
filter bar of a list (a few selects of counties, fields and states) took 5 ms of the 15 ms of a list page. Django
ships the same widget templates for Jinja2 (`django/forms/jinja2/`), which render the same HTML in about half the
time, and Django's `Jinja2` renderer uses them. That renderer alone would break the widgets that ship only Django
templates (the admin's related-object wrappers, say), so a template Jinja2 does not have falls back to Django's
engine. Our own page templates stay Django templates (DESIGN §8); only the widgets' markup changes engine.
"""

from __future__ import annotations

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    def __init__(self) -> None:
        self._jinja2 = Jinja2()
        self._django = DjangoTemplates()
        # Which engine has each template: a miss in Jinja2 is looked up once, not on every field drawn.
        self._engine_of: dict[str, BaseRenderer] = {}

    def get_template(self, template_name):
        renderer = self._engine_of.get(template_name)
        if renderer is not None:
            return renderer.get_template(template_name)
        try:
            template = self._jinja2.get_template(template_name)
            self._engine_of[template_name] = self._jinja2
        except TemplateDoesNotExist:
            template = self._django.get_template(template_name)
            self._engine_of[template_name] = self._django
        return template
