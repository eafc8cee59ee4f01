"""Model fields that keep personal data sealed with SM4 in the database and plain in Python.

The column is text (a sealed value is longer than the plain one); `max_length` still limits the plain value, in
forms and in `full_clean`. A sealed value cannot be searched or compared in SQL (each sealing uses a new nonce):
nothing in ticms filters on these fields, and nothing should.
"""

from __future__ import annotations

from django import forms
from django.core import validators
from django.db import models

from . import sm4


class EncryptedCharField(models.CharField):
    description = "Text sealed with SM4 at rest"

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value, expression, connection):
        return sm4.unseal(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value or sm4.is_sealed(value):
            return value
        return sm4.seal(value)


class EncryptedEmailField(EncryptedCharField):
    default_validators = [validators.validate_email]
    description = "E-mail address sealed with SM4 at rest"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


def encrypted_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
