"""Demo organisations and one user per role.

Roles that need a second factor get a TOTP device with a known secret (printed by `ticms demo`); with DEBUG on,
`ticms otp-code USER` prints its current code, or add the secret to any authenticator app.
"""

import hashlib

from ticms.ops.demo import DemoContext, demo_account

from . import credit_code
from .models import CompetentUnit, Organisation
from .roles import Role
from .twofactor import enrol_known_secret, required

# name, kind, county, organisation-code stem of 9 characters: a table, one organisation a line (no value has a space)
ORGANISATIONS = [line.split() for line in """
朔州市晋北碳基新材料有限公司      enterprise  朔城区            MA0K1A001
山西朔州固废综合利用科技有限公司  enterprise  朔城区            MA0K1A002
平鲁区新能源装备制造有限公司      enterprise  平鲁区            MA0K1A003
朔州储能技术研究院                new_rd      平鲁区            MA0K1A004
山阴县高端陶瓷股份有限公司        enterprise  山阴县            MA0K1A005
应县钙基新材料有限公司            enterprise  应县              MA0K1A006
右玉县有机旱作农业科技有限公司    enterprise  右玉县            MA0K1A007
怀仁市智能制造科技有限公司        enterprise  怀仁市            MA0K1A008
怀仁市特种金属材料有限公司        enterprise  怀仁市            MA0K1A009
朔州职业技术学院                  university  朔城区            MA0K1A010
山西省朔州现代煤化工研究所        institute   朔城区            MA0K1A011
朔州市生物医药与大健康产业研究院  new_rd      市直有关主管单位  MA0K1A012
""".strip().splitlines()]

ACCOUNTS = [
    # username, role, display name, target (organisation index or county name)
    ("applicant", Role.APPLICANT, "王申报（晋北碳基）", 0),
    ("applicant2", Role.APPLICANT, "李申报（平鲁新能源）", 2),
    ("county", Role.COUNTY_OFFICER, "赵归口（朔城区科技局）", "朔城区"),
    ("county2", Role.COUNTY_OFFICER, "钱归口（平鲁区科技局）", "平鲁区"),
    ("bureau", Role.BUREAU_OFFICER, "孙科长（市科技局）", None),
    ("expert", Role.EXPERT, "周教授（评审专家）", None),
    ("sysadmin", Role.SYSTEM_ADMIN, "吴系统管理员", None),
    ("secadmin", Role.SECURITY_ADMIN, "郑安全管理员", None),
    ("auditadmin", Role.AUDIT_ADMIN, "冯审计管理员", None),
]


def seed(ctx: DemoContext) -> None:
    ctx.units = {u.name: u for u in CompetentUnit.objects.all()}
    for name, kind, county, stem in ORGANISATIONS:
        unit = ctx.units[county]
        division = unit.division_code or "140600"
        code = credit_code.make(f"91{division}{stem}")
        org, _ = Organisation.objects.get_or_create(
            credit_code=code,
            defaults={
                "name": name,
                "kind": kind,
                "competent_unit": unit,
                "registered_address": f"山西省朔州市{county if unit.division_code else '朔城区'}",
            },
        )
        ctx.orgs.append(org)
    for username, role, display, target in ACCOUNTS:
        organisation = ctx.orgs[target] if isinstance(target, int) else None
        unit = ctx.units[target] if isinstance(target, str) else None
        user, _created = demo_account(username, display, role, organisation=organisation, competent_unit=unit)
        ctx.users[username] = user
        if required(user):
            enrol_known_secret(user, hashlib.sha1(f"ticms-demo-{username}".encode()).hexdigest())
