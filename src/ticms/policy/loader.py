"""Reading a policy file (the measures as parameters, DESIGN §5) and validating it strictly.

A policy file is YAML with four parts: `metadata`, `parameters` (each with `values` by effective date, `unit`,
`article`, `description`), `fields` (the industry clusters) and `review_indicators`. Anything wrong raises
`PolicyError` naming the file and the key, so a broken file stops the system at start, not mid-review.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from ticms.params import ascii_int

from .document import (  # noqa: F401 - Parameter, Field, ReviewIndicator are read from here by callers
    DAY_UNITS,
    REQUIRED_METADATA,
    REQUIRED_PARAMETERS,
    SECTIONS,
    UNITS,
    Field,
    Parameter,
    Policy,
    PolicyError,
    ReviewIndicator,
    _add_years,
    _today,
)

# Sections owned by other apps, each with the function that checks it (raising PolicyError with its key):
# "evaluation" → evaluations.indicators, "reminders" → notifications.reminders. The apps register them in their
# AppConfig.ready(), so the policy app, which they build on, imports none of them.
SECTION_VALIDATORS: dict[str, Callable[[Any], object]] = {}


def register_section_validator(section: str, validate: Callable[[Any], object]) -> None:
    if section not in SECTIONS:
        raise ValueError(f"unknown policy section {section!r}")
    SECTION_VALIDATORS[section] = validate
    # A policy read before this validator existed (by an earlier app's ready()) is read and checked again.
    reset_policy_cache()


# --- loading ----------------------------------------------------------------------------------------
class UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice in one mapping: plain YAML keeps the last one silently, so an edit
    to the first copy of a section (say, evaluation weights) would change nothing."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, f"key {key!r} appears twice",
                    key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_policy(path: str | Path) -> Policy:
    """Read and validate one policy file. Raises PolicyError naming the file and the key."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise PolicyError(path, "(file)", f"cannot be read: {exc.strerror or exc}") from None
    try:
        data = yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise PolicyError(path, "(file)", f"is not valid YAML: {exc}") from None
    return parse_policy(data, path)


def parse_policy(data: Any, path: str | Path = "<policy>") -> Policy:
    v = _Validator(path)
    v.mapping(data, "(top level)")
    for key in data:
        if key not in SECTIONS:
            v.fail(str(key), f"unknown section (known: {', '.join(SECTIONS)})")
    meta = v.mapping(v.required(data, "metadata", "(top level)"), "metadata")
    for key in REQUIRED_METADATA:
        v.required(meta, key, "metadata")
    published_on = v.date(meta["published_on"], "metadata.published_on")
    effective_from = v.date(meta["effective_from"], "metadata.effective_from")
    if effective_from < published_on:
        v.fail("metadata.effective_from", "must not be before metadata.published_on")

    raw_params = v.mapping(v.required(data, "parameters", "(top level)"), "parameters")
    parameters = {str(name): v.parameter(str(name), spec) for name, spec in raw_params.items()}
    for name in REQUIRED_PARAMETERS:
        if name not in parameters:
            v.fail(f"parameters.{name}", "missing (every policy file must define it)")
    for param in parameters.values():
        if param.values[0][0] > effective_from:
            v.fail(f"parameters.{param.name}.values", "has no value in force on metadata.effective_from")
    for since, pattern in parameters["official_name_pattern"].values:
        if pattern.count("{field}") != 1:
            v.fail(f"parameters.official_name_pattern.values.{since}", "must contain “{field}” exactly once")
    for since, prefix in parameters["registration_region_prefix"].values:
        if not (ascii_int(prefix) is not None and 2 <= len(prefix) <= 6):
            v.fail(f"parameters.registration_region_prefix.values.{since}", "must be 2 to 6 digits")

    fields, fields_article = v.fields(v.required(data, "fields", "(top level)"))
    indicators = v.indicators(v.required(data, "review_indicators", "(top level)"), "review_indicators")
    # The apps that own a section check its shape (evaluation: Art. 16; reminders); a bad section fails the whole
    # file here, at load time, with this file's path — not later, when a round is opened.
    for section, validate in SECTION_VALIDATORS.items():
        if section in data:
            try:
                validate(data[section])
            except PolicyError as exc:
                raise PolicyError(path, exc.key, exc.problem) from None

    return Policy(
        path=str(path),
        jurisdiction=v.text(meta["jurisdiction"], "metadata.jurisdiction"),
        jurisdiction_name=str(meta.get("jurisdiction_name") or meta["jurisdiction"]),
        title=v.text(meta["title"], "metadata.title"),
        issuer=str(meta.get("issuer") or ""),
        published_on=published_on,
        effective_from=effective_from,
        replaces=str(meta.get("replaces") or ""),
        validity_article=str(meta.get("validity_article") or ""),
        parameters=parameters,
        fields=fields,
        fields_article=fields_article,
        review_indicators=indicators,
        raw=data,
    )


class _Validator:
    def __init__(self, path: str | Path):
        self.path = path

    def fail(self, key: str, problem: str):
        raise PolicyError(self.path, key, problem)

    def mapping(self, value: Any, key: str) -> dict:
        if not isinstance(value, dict):
            self.fail(key, "must be a mapping")
        return value

    def required(self, mapping: dict, name: str, where: str) -> Any:
        key = name if where == "(top level)" else f"{where}.{name}"
        if name not in mapping or mapping[name] is None or mapping[name] == "":
            self.fail(key, "missing")
        return mapping[name]

    def text(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "must be non-empty text")
        return value.strip()

    def date(self, value: Any, key: str) -> datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, f"“{value}” is not a date (YYYY-MM-DD)")

    def article(self, value: Any, key: str) -> str:
        if value is None or str(value).strip() == "":
            self.fail(key, "missing")
        return str(value).strip()

    def parameter(self, name: str, spec: Any) -> Parameter:
        key = f"parameters.{name}"
        spec = self.mapping(spec, key)
        for part in ("values", "unit", "article", "description"):
            self.required(spec, part, key)
        unit = spec["unit"]
        if unit not in UNITS:
            self.fail(f"{key}.unit", f"unknown unit “{unit}” (known: {', '.join(sorted(UNITS))})")
        raw = self.mapping(spec["values"], f"{key}.values")
        if not raw:
            self.fail(f"{key}.values", "has no value")
        values = []
        previous = None
        for raw_date, value in raw.items():
            since = self.date(raw_date, f"{key}.values.{raw_date}")
            if previous is not None and since <= previous:
                self.fail(f"{key}.values.{raw_date}", f"dates must be in ascending order (after {previous})")
            previous = since
            values.append((since, self.value(value, unit, f"{key}.values.{raw_date}")))
        return Parameter(
            name=name,
            description=self.text(spec["description"], f"{key}.description"),
            unit=unit,
            article=self.article(spec["article"], f"{key}.article"),
            values=tuple(values),
        )

    def value(self, value: Any, unit: str, key: str) -> Any:
        kinds = UNITS[unit][1]
        if value is None or isinstance(value, bool) or not isinstance(value, kinds):
            self.fail(key, f"value {value!r} does not fit unit “{unit}”")
        if unit in {"m2", "yuan"}:
            value = Decimal(str(value))
        if isinstance(value, int | Decimal) and value < 0:
            self.fail(key, "must not be negative")
        if unit == "day_unit" and value not in DAY_UNITS:
            self.fail(key, f"must be one of {', '.join(sorted(DAY_UNITS))}")
        if unit == "code" and ascii_int(value) is None:
            self.fail(key, "must be digits")
        if unit == "list":
            if not value or not all(isinstance(item, str) and item.strip() for item in value):
                self.fail(key, "must be a non-empty list of text")
            value = tuple(item.strip() for item in value)
        if unit in {"text", "pattern"}:
            value = self.text(value, key)
        return value

    def fields(self, raw: Any) -> tuple[tuple[Field, ...], str]:
        raw = self.mapping(raw, "fields")
        article = self.article(raw.get("article"), "fields.article")
        items = self.required(raw, "items", "fields")
        if not isinstance(items, list) or not items:
            self.fail("fields.items", "must be a non-empty list")
        out: list[Field] = []
        for i, item in enumerate(items):
            key = f"fields.items[{i}]"
            item = self.mapping(item, key)
            code = self.text(self.required(item, "code", key), f"{key}.code")
            name = self.text(self.required(item, "name", key), f"{key}.name")
            out.append(Field(code=code, name=name, article=str(item.get("article") or article)))
        self._unique([f.code for f in out], "fields.items", "code")
        self._unique([f.name for f in out], "fields.items", "name")
        return tuple(out), article

    def indicators(self, raw: Any, key: str) -> tuple[ReviewIndicator, ...]:
        if not isinstance(raw, list) or not raw:
            self.fail(key, "must be a non-empty list")
        out = []
        for i, item in enumerate(raw):
            where = f"{key}[{i}]"
            item = self.mapping(item, where)
            maximum = self.required(item, "max", where)
            if isinstance(maximum, bool) or not isinstance(maximum, int) or maximum <= 0:
                self.fail(f"{where}.max", f"must be a positive whole number, not {maximum!r}")
            out.append(
                ReviewIndicator(
                    code=self.text(self.required(item, "code", where), f"{where}.code"),
                    name=self.text(self.required(item, "name", where), f"{where}.name"),
                    max=maximum,
                    article=self.article(item.get("article"), f"{where}.article"),
                    description=str(item.get("description") or ""),
                )
            )
        self._unique([r.code for r in out], key, "code")
        total = sum(r.max for r in out)
        if total != 100:
            self.fail(key, f"maximum scores must sum to 100, not {total}")
        return tuple(out)

    def _unique(self, values: list[str], key: str, what: str):
        seen = set()
        for value in values:
            if value in seen:
                self.fail(key, f"duplicate {what} “{value}”")
            seen.add(value)


# --- the policy of this installation ---------------------------------------------------------------
@functools.lru_cache(maxsize=8)
def _cached(path: str) -> Policy:
    return load_policy(path)


def current_policy() -> Policy:
    """The policy of this installation (settings.TICMS_POLICY_FILE), read once and cached."""

    return _cached(str(settings.TICMS_POLICY_FILE))


def reset_policy_cache() -> None:
    """Forget the cached policy (tests, or after the policy file changed)."""
    _cached.cache_clear()


current_policy.cache_clear = reset_policy_cache  # type: ignore[attr-defined]
