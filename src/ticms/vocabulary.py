"""Each app's wording in one place: its states, statuses and kinds, with the Chinese labels users read on pages, in
exports and documents, are data in `<app>/vocabulary.yaml`; the app's models make Django choices of them:

    vocabulary = Vocabulary(__name__)                # ticms/centers/models.py reads ticms/centers/vocabulary.yaml
    CenterStatus = vocabulary.choices("CenterStatus")

`CenterStatus.ACTIVE`, `.label`, `.choices` and `CenterStatus("active")` work as with a class statement: a member
is named after its value in capitals (`rectifying` → `RECTIFYING`), in the file's order. A choice nested in a model
is keyed by its dotted name (`CenterChange.Kind`). A broken file stops the system at start, naming file and key.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml
from django.db import models

from ticms.policy.loader import UniqueKeyLoader

FILE_NAME = "vocabulary.yaml"
# A value is stored in the database and names the member; it stays a lower-case identifier.
VALUE = re.compile(r"[a-z][a-z0-9_]*")
NAME = re.compile(r"[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)?")


class VocabularyError(ValueError):
    pass


@functools.cache
def read(package: str) -> dict[str, dict[str, str]]:
    """The vocabularies of one app package, checked: name → {value: label}, in the file's order."""
    path = resources.files(package) / FILE_NAME
    where = f"{package.replace('.', '/')}/{FILE_NAME}"
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{where}: {exc}") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: a mapping of vocabularies is expected")
    for name, terms in data.items():
        if not (isinstance(name, str) and NAME.fullmatch(name)):
            raise VocabularyError(f"{where}: {name!r} is not a class name (CenterStatus, CenterChange.Kind)")
        if not (isinstance(terms, dict) and terms):
            raise VocabularyError(f"{where}: {name}: a mapping of values to labels is expected")
        for value, label in terms.items():
            if not (isinstance(value, str) and VALUE.fullmatch(value)):
                raise VocabularyError(f"{where}: {name}: value {value!r} is not a lower-case identifier")
            if not (isinstance(label, str) and label.strip()):
                raise VocabularyError(f"{where}: {name}.{value}: the label must be text")
    return data


class Vocabulary:
    """The vocabularies of the app whose module is `module` (pass `__name__`)."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.package = module.rpartition(".")[0]

    def choices(self, name: str) -> type[models.TextChoices]:
        terms = read(self.package).get(name)
        if terms is None:
            raise VocabularyError(f"{self.package.replace('.', '/')}/{FILE_NAME} has no vocabulary {name!r}")
        members = [(value.upper(), (value, label)) for value, label in terms.items()]
        return models.TextChoices(name.rpartition(".")[2], members, module=self.module, qualname=name)
