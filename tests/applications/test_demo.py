"""`ticms demo` leaves applications in every state, so each role's workbench has work, and adds nothing when run
again."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command

from ticms.applications.models import Application, State
from ticms.policy.calendar import first_unknown_year

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _states() -> list[tuple[int, str]]:
    return sorted(Application.objects.values_list("pk", "state"))


def test_demo_leaves_an_application_in_every_state(frozen_today):
    _demo()
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)


def test_demo_recognized_and_preparatory_applications_have_their_centers(frozen_today):
    _demo()
    recognized = Application.objects.get(state=State.RECOGNIZED)
    preparatory = Application.objects.get(state=State.PREPARATORY)
    assert recognized.center.status == "active" and preparatory.center.status == "preparatory"


def test_demo_twice_adds_no_application(frozen_today):
    _demo()
    before = _states()
    _demo()
    assert _states() == before


def test_demo_in_a_year_the_calendar_does_not_know_runs_and_says_so():
    year = first_unknown_year(2025)  # no notice can start in it: those ready for one wait in 建设方案已提交
    with time_machine.travel(datetime.datetime(year, 3, 15, 10, tzinfo=SHANGHAI), tick=True):
        said = _demo()
    assert f"{year}年的法定节假日安排尚未录入" in said
    after_notice = {State.PUBLICIZED, State.RECOGNIZED, State.PREPARATORY}
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values) - after_notice
