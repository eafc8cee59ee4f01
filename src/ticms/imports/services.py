"""Dry run and apply, one code path: read and check the file, then run every row's service call inside a
transaction — rolled back for a dry run, committed for an apply only when no row failed. A dry run therefore
finds every problem the apply would meet (the services' own rules included), and an apply re-validates
everything against the database as it is then. One audit event per applied file, with its SM3 and row count."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from ticms.accounts.roles import require_role
from ticms.audit.services import record
from ticms.errors import ServiceError

from . import reader
from .kinds import spec_for
from .spec import ImportSpec, Problem, Problems, Row


@dataclass
class Report:
    kind: str
    title: str
    file_name: str
    sm3: str
    rows: int
    applied: bool
    problems: list[Problem] = field(default_factory=list)
    truncated: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {
            "kind": self.kind, "file_name": self.file_name, "file_sm3": self.sm3, "rows": self.rows,
            "dry_run": not self.applied, "applied": self.applied, "valid": self.ok,
            "errors": [p.as_dict() for p in self.problems], "errors_truncated": self.truncated,
            "warnings": self.warnings,
        }


class Rollback(Exception):
    """Leaves the trial transaction of a dry run (or of a failed apply) without writing anything."""


def _row_problems(problems: Problems, row: Row, exc: ServiceError) -> None:
    detail = exc.detail
    if isinstance(detail, dict):
        for key, message in detail.items():
            problems.add(row.number, key, str(message))
    elif isinstance(detail, list):
        for message in detail:
            problems.add(row.number, exc.field or "", str(message))
    else:
        problems.add(row.number, exc.field or "", str(detail))


def _attempt(call, trial: bool) -> None:
    """`call` in a transaction (a savepoint inside an apply); a trial always rolls back."""
    try:
        with transaction.atomic():
            call()
            if trial:
                raise Rollback
    except Rollback:
        pass


def _run_rows(spec: ImportSpec, rows: list[Row], problems: Problems, actor, ip, file_name: str, *, trial: bool) -> None:
    """Every row's service call, each on its own so one refusal does not hide the next. In a dry run each row is
    its own short transaction, rolled back: the audit chain's lock is held for one row, not for the file."""
    if spec.apply_all is not None:
        try:
            _attempt(lambda: spec.apply_all(actor, rows, ip, file_name), trial)
        except ServiceError as exc:
            _row_problems(problems, Row(None, {}), exc)
        return
    for row in rows:
        try:
            _attempt(lambda row=row: spec.apply_row(actor, row, ip), trial)
        except ServiceError as exc:
            _row_problems(problems, row, exc)
        except IntegrityError:
            # A record written by someone else since the checks ran (a unique name, a date): this row only.
            problems.add(row.number, "", "与系统中刚刚写入的记录冲突，请重新预检。")


def _validate(spec: ImportSpec, rows: list[Row], problems: Problems, report: Report, actor, ip, *, trial: bool) -> None:
    if rows:
        # Parse problems leave None in their cells; the checks across rows still run on the rest.
        spec.check(rows, problems, actor)
    flagged = {p.row for p in problems.items}
    if rows and None not in flagged and not (spec.apply_all and flagged):
        # The rows without a problem yet meet the services' own rules too, so one report lists all.
        report.warnings = spec.warnings(rows) if spec.warnings and not flagged else []
        _run_rows(
            spec, [r for r in rows if r.number not in flagged], problems, actor, ip, report.file_name, trial=trial
        )


def _check(spec: ImportSpec, upload, actor, ip, *, apply: bool, expected_sm3: str = "") -> Report:
    require_role(actor, spec.role, doing=f"导入{spec.title}", article=spec.article)
    workbook = reader.open_upload(upload)
    if expected_sm3 and expected_sm3 != workbook.sm3:
        raise ServiceError("stale_dry_run", "要导入的文件与预检时的文件不同，请重新上传并预检。", status=409)
    problems = Problems(spec)
    try:
        rows = reader.read_rows(workbook, spec, problems)
    finally:
        workbook.book.close()
    report = Report(spec.kind, spec.title, workbook.name, workbook.sm3, len(rows), applied=False)
    if not apply:
        _validate(spec, rows, problems, report, actor, ip, trial=True)
    else:
        try:
            # All or nothing: every row and the import's own event in one transaction.
            with transaction.atomic():
                _validate(spec, rows, problems, report, actor, ip, trial=False)
                if problems:
                    raise Rollback
                record(
                    f"import.{spec.kind}",
                    actor=actor,
                    role=spec.role,
                    obj=("imports.file", workbook.sm3[:16]),
                    data={
                        "kind": spec.kind,
                        "file_name": workbook.name,
                        "file_sm3": workbook.sm3,
                        "rows": len(rows),
                        "article": spec.article,
                    },
                    ip=ip,
                )
                report.applied = True
        except Rollback:
            pass
    report.problems = sorted(problems.items, key=lambda p: p.row or 0)
    report.truncated = problems.truncated
    return report


def dry_run(kind: str, upload, *, actor, ip: str | None = None) -> Report:
    """Everything an apply would do, rolled back: the report lists every problem by row and column."""
    return _check(spec_for(kind), upload, actor, ip, apply=False)


def apply(kind: str, upload, *, actor, ip: str | None = None, expected_sm3: str = "") -> Report:
    """All rows or none: the report says `applied` only when every row went in, in one transaction."""
    return _check(spec_for(kind), upload, actor, ip, apply=True, expected_sm3=expected_sm3)
