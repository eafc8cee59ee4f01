import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from ticms.audit.models import Event
from ticms.evaluations import services, tick
from ticms.evaluations.models import Evaluation

from .factories import submit_materials, to_scoring

pytestmark = pytest.mark.django_db


def test_tick_flags_overdue_materials_once(round_, evaluation):
    later = round_.materials_deadline + datetime.timedelta(days=1)
    first = tick.run(later)
    assert {e.pk for e in first.materials_overdue} == set(round_.evaluations.values_list("pk", flat=True))
    assert Evaluation.objects.get(pk=evaluation.pk).materials_overdue_flagged_on == later
    second = tick.run(later)
    assert second.materials_overdue == []
    assert Event.objects.filter(action="evaluation.materials_overdue").count() == 2


def test_tick_writes_system_events_without_actor(round_):
    tick.run(round_.materials_deadline + datetime.timedelta(days=1))
    event = Event.objects.filter(action="evaluation.materials_overdue").first()
    assert event.actor_id is None and event.role == "system" and event.data["article"] == "16"


def test_tick_does_not_flag_before_the_deadline_or_submitted_materials(round_, evaluation, applicant):
    submit_materials(applicant, evaluation)
    assert tick.run(round_.materials_deadline).materials_overdue == []
    flagged = tick.run(round_.materials_deadline + datetime.timedelta(days=1)).materials_overdue
    assert evaluation.pk not in {e.pk for e in flagged}


def test_tick_flags_passed_rectification_deadline_once(applicant, county_officer, bureau_officer, evaluation):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0.2", "0.2", "0.2"))
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="整改")
    after = ev.rectification.deadline + datetime.timedelta(days=1)
    assert [r.pk for r in tick.run(after).rectifications_overdue] == [ev.rectification.pk]
    assert tick.run(after).rectifications_overdue == []
    assert Event.objects.filter(action="rectification.deadline_passed").count() == 1


def test_tick_lists_due_centers_not_in_a_round(center, this_year):
    report = tick.run(datetime.date(this_year, 12, 31))
    assert [c for c, _ in report.due_uncovered] == [center]


def test_tick_command_twice_the_same_day_adds_nothing(round_):
    day = (round_.materials_deadline + datetime.timedelta(days=2)).isoformat()
    call_command("tick", today=day, stdout=StringIO())
    count = Event.objects.count()
    out = StringIO()
    call_command("tick", today=day, stdout=out)
    assert Event.objects.count() == count
    assert "新标记评估材料逾期：0" in out.getvalue()


def test_tick_command_rejects_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("tick", today="31/12/2025", stdout=StringIO())


def test_overdue_materials_on_bureau_workbench(client, round_, bureau_officer):
    tick.run(round_.materials_deadline + datetime.timedelta(days=1))
    client.force_login(bureau_officer)
    page = client.get("/workbench/").content.decode()
    assert "评估材料逾期未交" in page and round_.evaluations.first().center.official_name in page
