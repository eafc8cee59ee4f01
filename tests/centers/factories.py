"""Centers for tests, made through the service so the status history and audit event exist."""

import datetime
import itertools

from tests.factories import user_with_role
from ticms.accounts.roles import Role
from ticms.centers.services import create_center

_n = itertools.count(1)
FIELDS = ["储能", "新能源", "半导体", "碳基新材料", "固废利用", "高端陶瓷", "智能制造", "能源互联网"]


def make_center(host_unit, *, lead_unit=None, field=None, category="domain", status="active", bureau=None,
                official_name=None, recognized_on=datetime.date(2025, 3, 2), partner_units=()):
    n = next(_n)
    field = field or FIELDS[n % len(FIELDS)]
    bureau = bureau or user_with_role(Role.BUREAU_OFFICER)
    return create_center(
        actor=bureau, role=Role.BUREAU_OFFICER,
        official_name=official_name or f"朔州市{field}{'' if n == 1 else n}技术创新中心",
        category=category, field=field, host_unit=host_unit, lead_unit=lead_unit or host_unit,
        partner_units=partner_units, status=status, recognized_on=recognized_on,
    )
