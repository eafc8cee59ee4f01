"""What a policy file holds once read: its parameters with their values by date, the industry clusters, the
review indicators (DESIGN §5). `loader.py` reads and validates a file into these."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

# unit → how it is shown in Chinese, and the Python type its values must have.
UNITS: dict[str, tuple[str, tuple[type, ...]]] = {
    "person": ("人", (int,)),
    "count": ("项", (int,)),
    "m2": ("平方米", (int, float, Decimal)),
    "yuan": ("元", (int, float, Decimal)),
    "year": ("年", (int,)),
    "day": ("天", (int,)),
    "day_unit": ("", (str,)),
    "code": ("", (str,)),
    "pattern": ("", (str,)),
    "text": ("", (str,)),
    "list": ("", (list,)),
}
DAY_UNITS = {"working", "calendar"}

# The parameters the code reads. A policy file for any jurisdiction must define all of them.
REQUIRED_PARAMETERS = (
    "min_fixed_staff",
    "min_ip_assets",
    "senior_titles",
    "senior_title_names",
    "min_floor_area_m2",
    "min_equipment_value",
    "min_rd_investment_3y",
    "rd_years",
    "registration_region_prefix",
    "notice_length",
    "notice_day_unit",
    "official_name_pattern",
    "evaluation_cycle_years",
    "validity_years",
)
REQUIRED_METADATA = ("jurisdiction", "title", "published_on", "effective_from")
# Top-level sections. `evaluation` (Art. 16) belongs to ticms.evaluations and `reminders` to ticms.notifications;
# each validates its own.
SECTIONS = ("metadata", "parameters", "fields", "review_indicators", "evaluation", "reminders")


class PolicyError(Exception):
    """A policy file that cannot be used, or a question it cannot answer. Names the file and the key."""

    def __init__(self, path: str | Path | None, key: str, problem: str):
        self.path = str(path) if path else ""
        self.key = key
        self.problem = problem
        where = f"{self.path}: " if self.path else ""
        super().__init__(f"{where}{key}: {problem}")


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    article: str
    values: tuple[tuple[datetime.date, Any], ...]  # (effective date, value), oldest first

    @property
    def unit_label(self) -> str:
        return UNITS[self.unit][0]

    def value_on(self, on: datetime.date) -> Any:
        found = None
        for since, value in self.values:
            if since <= on:
                found = (since, value)
        if found is None:
            raise PolicyError(None, f"parameters.{self.name}", f"no value in force on {on.isoformat()}")
        return found[1]

    def effective_since(self, on: datetime.date) -> datetime.date | None:
        dates = [since for since, _value in self.values if since <= on]
        return dates[-1] if dates else None


@dataclass(frozen=True)
class Field:
    """An industry cluster of Art. 3(2). Records store `name`; `code` is stable for programs."""

    code: str
    name: str
    article: str = ""

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class ReviewIndicator:
    code: str
    name: str
    max: int
    article: str = ""
    description: str = ""


@dataclass(frozen=True)
class Policy:
    path: str
    jurisdiction: str
    jurisdiction_name: str
    title: str
    issuer: str
    published_on: datetime.date
    effective_from: datetime.date
    replaces: str
    validity_article: str
    parameters: dict[str, Parameter]
    fields: tuple[Field, ...]
    fields_article: str
    review_indicators: tuple[ReviewIndicator, ...]
    raw: dict = dataclass_field(default_factory=dict, repr=False, compare=False)  # the parsed file, for other apps

    @property
    def evaluation(self) -> dict | None:
        """The `evaluation:` section (Art. 16) as written; ticms.evaluations validates it."""
        section = self.raw.get("evaluation")
        return section if isinstance(section, dict) else None

    # --- parameters ---------------------------------------------------------------------------
    def parameter(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise PolicyError(self.path, f"parameters.{name}", "no such parameter") from None

    def param(self, name: str, on: datetime.date | None = None) -> Any:
        """The value of parameter `name` in force on `on` (today when not given)."""
        try:
            return self.parameter(name).value_on(on or _today())
        except PolicyError as exc:
            raise PolicyError(self.path, exc.key, exc.problem) from None

    # --- fields -------------------------------------------------------------------------------
    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name_or_code: str) -> Field | None:
        for f in self.fields:
            if name_or_code in (f.name, f.code):
                return f
        return None

    # --- validity (Art. 18) ---------------------------------------------------------------------
    @property
    def expires_on(self) -> datetime.date:
        """The last day the measures are in force: the day before the `validity_years` anniversary of publication."""
        years = self.param("validity_years", self.effective_from)
        return _add_years(self.published_on, years) - datetime.timedelta(days=1)

    def is_expired(self, on: datetime.date | None = None) -> bool:
        return (on or _today()) > self.expires_on

    def days_to_expiry(self, on: datetime.date | None = None) -> int:
        """Days from `on` to the last day in force (0 on that day, negative once expired)."""
        return (self.expires_on - (on or _today())).days

    def is_in_force(self, on: datetime.date | None = None) -> bool:
        on = on or _today()
        return self.effective_from <= on <= self.expires_on


def _today() -> datetime.date:
    return timezone.localdate()


def _add_years(d: datetime.date, years: int) -> datetime.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)
