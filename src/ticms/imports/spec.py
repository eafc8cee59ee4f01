"""What an import is: its columns (Chinese header, parser, required), its checks across rows and against the
database, and the service call each row becomes. The template, the reader, the pages, the API and the command
all read the spec; none of them knows a kind by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Invalid(Exception):
    """A cell's value refused by its column's parser; the message follows 「第N行「列」」."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    parse: Callable[[Any], Any]
    required: bool = False
    example: Any = ""
    help: str = ""


@dataclass(frozen=True)
class Problem:
    row: int | None  # the Excel row number; None for the file as a whole
    column: str  # the column's Chinese header; "" for the row or the file as a whole
    message: str

    def text(self) -> str:
        where = f"第{self.row}行" if self.row else ""
        if self.column:
            where += f"「{self.column}」"
        return f"{where}{self.message}" if where else self.message

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "text": self.text()}


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    # What the checks looked up for the row (an Organisation, a Center …), for the row's service call.
    found: dict[str, Any] = field(default_factory=dict)

    def arguments(self, *keys: str) -> dict[str, Any]:
        """The values of `keys` as keyword arguments of the row's service call: a column's key is the name of the
        argument it fills."""
        return {key: self.values.get(key) for key in keys}


class Problems:
    """Every problem of a file, in row order; capped so a broken file of thousands of rows stays readable."""

    LIMIT = 1000

    def __init__(self, spec: ImportSpec):
        self.spec = spec
        self.items: list[Problem] = []
        self.truncated = False

    def add(self, row: int | None, key_or_header: str, message: str) -> None:
        if len(self.items) >= self.LIMIT:
            self.truncated = True
            return
        self.items.append(Problem(row, self.spec.header_of(key_or_header), message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class ImportSpec:
    kind: str  # URL and command name: experts, centers, outputs, calendar
    title: str  # what is imported, as the pages say it: 专家库
    role: str  # the role that owns the register
    article: str  # the article of the measures the register serves
    columns: tuple[Column, ...]
    # (rows, problems, actor) → None: duplicates in the file and against the database, references by code.
    check: Callable[[list[Row], Problems, Any], None]
    # (actor, row, ip) → None: one service call; a ServiceError becomes the row's problem.
    apply_row: Callable[[Any, Row, str | None], None] | None = None
    # (actor, rows, ip, file_name) → None: for imports that are one service call for the whole file (calendar).
    apply_all: Callable[[Any, list[Row], str | None, str], None] | None = None
    notes: tuple[str, ...] = ()
    # (rows) → sentences shown beside a clean dry run (e.g. "replaces the 2027 schedule").
    warnings: Callable[[list[Row]], list[str]] | None = None

    @property
    def sheet_title(self) -> str:
        return self.title

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def header_of(self, key_or_header: str) -> str:
        for column in self.columns:
            if key_or_header == column.key:
                return column.header
        return key_or_header
