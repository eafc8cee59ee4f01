"""Model fields that keep personal data sealed with SM4 in the database and plain in Python.

The column is text (a sealed value is longer than the plain one); `max_length` still limits the plain value, in
forms and in `full_clean`. A sealed value cannot be searched or compared in SQL (each sealing uses a new nonce):
nothing in ticms filters on these fields, and nothing should.

A value is opened when it is first read, not when its row is loaded: the signed-in user (its e-mail and phone) is
loaded by every request and an expert list loads fifty experts, and neither needs the values, so most requests
decrypt nothing and a web worker need not load `cryptography` for them (issue 15). What `.values()` /
`.values_list()` give of these fields is the stored, sealed text: read them from model instances.
"""

from __future__ import annotations

from django import forms
from django.core import validators
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from . import sm4


class OpenedOnRead(DeferredAttribute):
    """The field's attribute: keeps what the database gave (sealed) until it is read, then keeps it opened."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)  # loads a deferred field, as Django's own attribute does
        if sm4.is_sealed(value):
            value = instance.__dict__[self.field.attname] = sm4.unseal(value)
        return value

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedCharField(models.CharField):
    description = "Text sealed with SM4 at rest"
    descriptor_class = OpenedOnRead

    def get_internal_type(self) -> str:
        return "TextField"

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
