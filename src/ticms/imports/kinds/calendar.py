"""The holiday schedule of one year (DESIGN §6), entered by the system administrator; the whole year is
replaced at once through `policy.services.import_year`, as the CSV form does."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.policy import services
from ticms.policy.models import CalendarDay

from .. import parsers as p
from ..spec import Column, ImportSpec, Problems, Row
from .common import duplicates_in_file

COLUMNS = (
    Column("日期", "date", p.date, required=True, example="2027-01-01", help="日期格式的单元格"),
    Column(
        "类型",
        "type",
        p.choice({"休": "rest", "班": "work"}),
        required=True,
        example="休",
        help="休：工作日放假；班：周末调休上班",
    ),
    Column("名称", "note", p.text(100), example="元旦"),
)


def _year(rows: list[Row]) -> int | None:
    return next((r.values["date"].year for r in rows if r.values.get("date")), None)


def check(rows: list[Row], problems: Problems, actor) -> None:
    year = _year(rows)
    for row in rows:
        d = row.values.get("date")
        if d and d.year != year:
            problems.add(
                row.number, "date", f"{d.isoformat()}不在{year}年内（一个文件只录入一年，年份以第一行日期为准）。"
            )
    duplicates_in_file(rows, problems, lambda r: r.values.get("date"), "date", "同一日期")


def apply_all(actor, rows: list[Row], ip, file_name: str) -> None:
    days = [(r.values["date"], r.values["type"] == "work", r.values.get("note") or "") for r in rows]
    services.import_year(_year(rows), days, actor, source=f"Excel导入：{file_name}"[:200])


def warnings(rows: list[Row]) -> list[str]:
    year = _year(rows)
    entered = CalendarDay.objects.filter(date__year=year).count() if year else 0
    return [f"{year}年已录入{entered}天的安排，导入后将整体替换为本文件的{len(rows)}天。"] if entered else []


SPEC = ImportSpec(
    kind="calendar", title="节假日安排", role=Role.SYSTEM_ADMIN, article="9(4)",
    columns=COLUMNS, check=check, apply_all=apply_all, warnings=warnings,
    notes=(
        "一个文件录入一年：列出落在工作日的法定节假日（休）和周末调休上班日（班），其他日期按周一至周五工作。",
        "导入后该年的安排整体替换，公示期等工作日计算即按新安排进行。",
    ),
)
