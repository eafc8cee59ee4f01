"""`ticms demo` on a date whose year the holiday calendar does not know: no crash, a message, what can be made."""

import datetime
import io
import zoneinfo

import pytest
import time_machine

from ticms.notices import demo
from ticms.notices.models import PublicNotice
from ticms.ops.demo import DemoContext
from ticms.policy.calendar import first_unknown_year

from .factories import ready_application

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _seed(bureau) -> str:
    out = io.StringIO()
    ctx = DemoContext(out=out, users={"bureau": bureau},
                      extra={"plan_submitted": {"current": ready_application(), "ended": ready_application()}})
    demo.seed(ctx)
    return out.getvalue()


def test_demo_makes_both_notices_in_a_known_year(bureau_officer, frozen_today):
    said = _seed(bureau_officer)
    assert PublicNotice.objects.filter(state="published").count() == 2
    assert "未生成" not in said


def test_demo_in_an_unknown_year_says_so_instead_of_crashing(bureau_officer):
    year = first_unknown_year(2025)  # 2027 with chinese-calendar 1.11
    with time_machine.travel(datetime.datetime(year, 3, 15, 10, tzinfo=SHANGHAI), tick=True):
        said = _seed(bureau_officer)
    assert not PublicNotice.objects.exists()
    assert f"{year}年的法定节假日安排尚未录入" in said and "公示：无" in said


def test_demo_early_in_an_unknown_year_still_makes_the_notice_that_started_last_year(bureau_officer):
    year = first_unknown_year(2025)  # today is in it; thirty days back is in the year before, which is known
    with time_machine.travel(datetime.datetime(year, 1, 12, 10, tzinfo=SHANGHAI), tick=True):
        said = _seed(bureau_officer)
    notice = PublicNotice.objects.get()
    assert notice.starts_on == datetime.date(year - 1, 12, 13) and notice.state == "published"
    assert f"{year}年的法定节假日安排尚未录入" in said
