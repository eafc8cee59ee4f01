"""Synthetic data for the benchmarks: organisations across the counties, users per role, centers, audit events.

Deterministic for a given `scale` (seeded random), written through the same models the app uses. Records that
need services (audit events) go through the services; bulk tables use bulk_create for speed.
"""

from __future__ import annotations

import datetime
import random

from ticms.accounts import credit_code
from ticms.accounts.models import CompetentUnit, Membership, Organisation, User
from ticms.accounts.roles import Role
from ticms.audit.services import record
from ticms.centers.models import Center, CenterStatus


def generate(scale: int = 1, seed: int = 20261125) -> dict:
    rng = random.Random(seed)
    units = list(CompetentUnit.objects.exclude(division_code=""))
    n_orgs = 500 * scale
    orgs = [
        Organisation(
            name=f"基准测试单位{i:05d}",
            credit_code=credit_code.make(f"91{units[i % len(units)].division_code}BM{i:07d}"),
            competent_unit=units[i % len(units)],
        )
        for i in range(n_orgs)
    ]
    Organisation.objects.bulk_create(orgs, batch_size=500)
    orgs = list(Organisation.objects.filter(name__startswith="基准测试单位").order_by("pk"))

    users = {}
    for role, target in [(Role.APPLICANT, orgs[0]), (Role.COUNTY_OFFICER, units[0]), (Role.BUREAU_OFFICER, None)]:
        user, _ = User.objects.get_or_create(username=f"bench_{role}")
        Membership.objects.get_or_create(
            user=user, role=role,
            organisation=target if role == Role.APPLICANT else None,
            competent_unit=target if role == Role.COUNTY_OFFICER else None,
        )
        users[role] = user

    fields = ["半导体", "碳基新材料", "储能", "新能源", "智能制造", "固废利用"]
    centers = []
    for i in range(2000 * scale):
        org = orgs[i % n_orgs]
        c = Center(
            official_name=f"朔州市{fields[i % len(fields)]}基准{i:05d}技术创新中心",
            category="domain", field=fields[i % len(fields)], host_unit=org, lead_unit=org,
            recognized_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(2000)),
        )
        c.__dict__["status"] = rng.choice(list(CenterStatus.values))
        centers.append(c)
    Center.objects.bulk_create(centers, batch_size=500)

    _applications(rng, orgs, users, fields, 3000 * scale)
    for i in range(2000 * scale):
        record("bench.event", actor=users[Role.BUREAU_OFFICER], role=Role.BUREAU_OFFICER, obj=orgs[i % n_orgs],
               data={"i": i, "note": "基准"})
    return {"users": users, "orgs": len(orgs), "centers": Center.objects.count()}


def _applications(rng, orgs, users, fields, n: int) -> None:
    """Applications in every state, spread over the organisations (and so over the counties)."""
    from ticms.applications.models import Application, State
    from ticms.calls.models import Call

    call = Call.objects.create(title="基准测试建设通知", year=2026, opens=datetime.date(2026, 1, 1),
                               closes=datetime.date(2026, 12, 31), fields=fields)
    states = list(State.values)
    rows = []
    for i in range(n):
        org = orgs[i % len(orgs)]
        a = Application(call=call, year=2026, field=fields[i % len(fields)], name=f"基准申请{i:05d}",
                        lead_unit=org, host_unit=org, fixed_staff=rng.randrange(5, 60),
                        created_by=users["applicant"])
        a.__dict__["state"] = states[i % len(states)]
        rows.append(a)
    Application.objects.bulk_create(rows, batch_size=500)
