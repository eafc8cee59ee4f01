"""专家库: experts with their units and the organisations they must not review (回避). Phone and e-mail go
through `create_expert`, which seals them with SM4 like every other expert."""

from __future__ import annotations

from ticms.accounts.roles import Role
from ticms.reviews import services
from ticms.reviews.models import Expert

from .. import parsers as p
from ..spec import Column, ImportSpec, Problems, Row
from .common import check_fields, duplicates_in_file, organisations, unknown_organisation

COLUMNS = (
    Column("姓名", "name", p.text(50), required=True, example="王建国"),
    Column("工作单位", "unit", p.text(200), example="太原理工大学", help="市外单位只填名称；市内单位另填信用代码"),
    Column(
        "工作单位统一社会信用代码",
        "unit_code",
        p.credit_code,
        example="",
        help="已在系统登记的单位填写，专家即与该单位关联（自动回避）",
    ),
    Column("职称", "title", p.text(50), example="教授"),
    Column(
        "擅长领域",
        "fields",
        p.names,
        required=True,
        example="碳基新材料、智能制造",
        help="政策文件中的产业集群名称，多个用顿号分隔",
    ),
    Column("电话", "phone", p.phone, example="13800000000", help="加密保存，列表中只显示掩码"),
    Column("电子邮箱", "email", p.email, example="wang@example.com", help="加密保存"),
    Column(
        "回避单位统一社会信用代码",
        "ties",
        p.credit_codes,
        example="",
        help="曾任职、合作等须回避的单位，多个用顿号分隔；须已在系统登记",
    ),
)


def _unit(row: Row) -> str:
    org = row.found.get("unit")
    return org.name if org else (row.values.get("unit") or "")


def check(rows: list[Row], problems: Problems, actor) -> None:
    check_fields(rows, problems, "fields")
    orgs = organisations(rows, ("unit_code", "ties"))
    for row in rows:
        code = row.values.get("unit_code")
        if code:
            if code not in orgs:
                problems.add(row.number, "unit_code", unknown_organisation(code))
            else:
                row.found["unit"] = orgs[code]
                named = row.values.get("unit")
                if named and named != orgs[code].name:
                    problems.add(row.number, "unit", f"与信用代码登记的单位名称“{orgs[code].name}”不一致。")
        ties = []
        for tie in row.values.get("ties") or []:
            if tie not in orgs:
                problems.add(row.number, "ties", unknown_organisation(tie))
            else:
                ties.append(orgs[tie])
        row.found["ties"] = ties
    duplicates_in_file(
        rows,
        problems,
        lambda r: (r.values.get("name"), _unit(r)) if r.values.get("name") else None,
        "name",
        "同一姓名和工作单位",
    )
    names = {r.values["name"] for r in rows if r.values.get("name")}
    existing = {}
    for expert in Expert.objects.filter(name__in=names).select_related("organisation"):
        existing.setdefault((expert.name, expert.unit_name), expert.pk)
    for row in rows:
        pk = existing.get((row.values.get("name"), _unit(row)))
        if pk:
            problems.add(row.number, "name", f"专家库中已有该专家（同一姓名和工作单位，编号{pk}），请勿重复导入。")


def apply_row(actor, row: Row, ip) -> None:
    v = row.values
    org = row.found.get("unit")
    services.create_expert(
        actor=actor,
        name=v["name"],
        fields=v["fields"] or [],
        title=v.get("title") or "",
        organisation=org,
        organisation_text="" if org else (v.get("unit") or ""),
        phone=v.get("phone") or "",
        email=v.get("email") or "",
        declared_ties=row.found.get("ties", []),
        ip=ip,
    )


SPEC = ImportSpec(
    kind="experts", title="专家库", role=Role.BUREAU_OFFICER, article="9(3)",
    columns=COLUMNS, check=check, apply_row=apply_row,
    notes=(
        "每行一位专家；同一姓名和工作单位的专家已在库中时，该行会被指出，不会重复导入。",
        "导入的专家没有系统账号，不参与随机抽取；请在专家库中为其开通账号。",
    ),
)
