"""成果 (Art. 14) of centers for a year, recorded by the bureau through `centers.services.record_output`."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.centers import services
from ticms.centers.models import Center, Output

from .. import parsers as p
from ..spec import Column, ImportSpec, Problems, Row
from .common import duplicates_in_file

COLUMNS = (
    Column("中心正式名称", "center", p.text(200), required=True, example="朔州市储能技术创新中心"),
    Column("年度", "year", p.integer(2000, 2100), required=True, example=2025),
    Column(
        "成果类型",
        "kind",
        p.choice({str(k.label): k.value for k in Output.Kind}),
        required=True,
        example="自主知识产权",
        help="、".join(str(k.label) for k in Output.Kind),
    ),
    Column("名称", "title", p.text(300), required=True, example="一种高强度铝合金的制备方法"),
    Column("编号", "reference", p.text(100), example="ZL202510000000.0", help="专利号、标准号、统一社会信用代码等"),
    Column("是否标注市创中心名称", "carries_center_name", p.yes_no, example="是", help="自主知识产权必填：是/否"),
    Column("转化收入（万元）", "income", p.wan, example="", help="仅技术转移转化成果填写，单位万元"),
    Column("说明", "note", p.text(500), example=""),
)


def check(rows: list[Row], problems: Problems, actor) -> None:
    names = {r.values["center"] for r in rows if r.values.get("center")}
    centers = {c.official_name: c for c in Center.objects.filter(official_name__in=names)}
    for row in rows:
        name = row.values.get("center")
        if name and name not in centers:
            problems.add(row.number, "center", f"系统中没有名为“{name}”的技术创新中心。")
        elif name:
            row.found["center"] = centers[name]

    def key(row: Row):
        v = row.values
        return (v.get("center"), v.get("year"), v.get("kind"), v.get("title")) if v.get("title") else None

    duplicates_in_file(rows, problems, key, "title", "同一中心、年度、类型和名称")
    existing = set(
        Output.objects.filter(center__in=centers.values(), year__in={r.values.get("year") for r in rows}).values_list(
            "center__official_name", "year", "kind", "title"
        )
    )
    for row in rows:
        if key(row) in existing:
            problems.add(row.number, "title", "该中心该年度已登记同类型同名称的成果，请勿重复导入。")


def apply_row(actor, row: Row, ip) -> None:
    v = row.values
    services.record_output(actor=actor, center=row.found["center"], reference=v.get("reference") or "",
                           note=v.get("note") or "", ip=ip, role=Role.BUREAU_OFFICER,
                           **row.arguments("kind", "title", "year", "carries_center_name", "income"))


SPEC = ImportSpec(
    kind="outputs", title="中心成果", role=Role.BUREAU_OFFICER, article="14",
    columns=COLUMNS, check=check, apply_row=apply_row,
    notes=(
        "每行一项成果；一个文件可包含多个中心、多个年度。",
        "自主知识产权须填写“是否标注市创中心名称”（第十四条）；只有技术转移转化成果填写转化收入。",
        "已撤销的中心不能再登记成果。",
    ),
)
