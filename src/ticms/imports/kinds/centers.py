"""Centers the bureau recognized before the system existed, entered with their 认定文号 and date
(`centers.services.register_existing`, audited per center)."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.centers import services
from ticms.centers.models import Category, Center, CenterStatus

from .. import parsers as p
from ..spec import Column, ImportSpec, Problems, Row
from .common import check_fields, duplicates_in_file, organisations, unknown_organisation

STATUSES = {"运行中": CenterStatus.ACTIVE, "筹建": CenterStatus.PREPARATORY}

COLUMNS = (
    Column("正式名称", "official_name", p.text(200), required=True, example="朔州市储能技术创新中心"),
    Column(
        "依托单位统一社会信用代码", "host_code", p.credit_code, required=True, example="", help="依托单位须已在系统登记"
    ),
    Column(
        "所属县区", "county", p.text(100), required=True, example="朔城区", help="依托单位的归口管理单位名称，用于核对"
    ),
    Column("领域", "field", p.text(60), required=True, example="储能", help="政策文件中的产业集群名称"),
    Column("类别", "category", p.choice({str(c.label): c.value for c in Category}), required=True, example="领域类"),
    Column("认定文号", "recognition_number", p.text(100), required=True, example="朔科发〔2023〕15号"),
    Column("认定日期", "recognized_on", p.date, required=True, example="2023-06-30", help="日期格式的单元格"),
    Column("状态", "status", p.choice(STATUSES), required=True, example="运行中", help="运行中 或 筹建"),
)


def check(rows: list[Row], problems: Problems, actor) -> None:
    check_fields(rows, problems, "field")
    orgs = organisations(rows, ("host_code",))
    for row in rows:
        code = row.values.get("host_code")
        if not code:
            continue
        org = orgs.get(code)
        if org is None:
            problems.add(row.number, "host_code", unknown_organisation(code))
            continue
        row.found["host_unit"] = org
        county = row.values.get("county")
        registered = org.competent_unit.name if org.competent_unit_id else ""
        if county and county != registered:
            problems.add(
                row.number,
                "county",
                f"依托单位“{org.name}”登记的归口管理单位是“{registered or '未登记'}”，与填写的“{county}”不符。",
            )
    duplicates_in_file(rows, problems, lambda r: r.values.get("official_name"), "official_name", "同一正式名称")
    names = [r.values["official_name"] for r in rows if r.values.get("official_name")]
    existing = set(Center.objects.filter(official_name__in=names).values_list("official_name", flat=True))
    for row in rows:
        if row.values.get("official_name") in existing:
            problems.add(row.number, "official_name", "系统中已有同名的技术创新中心，请勿重复导入。")


def apply_row(actor, row: Row, ip) -> None:
    services.register_existing(actor=actor, host_unit=row.found["host_unit"], ip=ip, **row.arguments(
        "official_name", "category", "field", "status", "recognized_on", "recognition_number"))


SPEC = ImportSpec(
    kind="centers", title="既有创新中心", role=Role.BUREAU_OFFICER, article="9(4)",
    columns=COLUMNS, check=check, apply_row=apply_row,
    notes=(
        "用于登记本系统启用前已认定（或批准筹建）的市技术创新中心，每行一个中心。",
        "依托单位同时作为牵头单位登记；共建单位、中心主任等信息导入后由依托单位在中心页面补充。",
    ),
)
