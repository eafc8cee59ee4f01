import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from ticms.audit.models import Event
from ticms.evaluations import services, tick
from ticms.evaluations.models import Evaluation

from .factories import open_round, submit_materials, to_scoring

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


def _workbench_of(client, user, role: str) -> str:
    """The part of `user`'s workbench headed by `role` ("" when the page has no such part)."""
    client.force_login(user)
    page = client.get("/workbench/").content.decode()
    if f'id="role-{role}"' not in page:
        return ""
    return page.split(f'id="role-{role}"', 1)[1].split("</section>", 1)[0]


def _card(section: str, title: str) -> str:
    """One to-do card of a workbench part, by its title ("" when there is none)."""
    if f"<strong>{title}</strong>" not in section:
        return ""
    return section.split(f"<strong>{title}</strong>", 1)[1].split('<div class="card mb-3">', 1)[0]


def test_passed_rectification_deadline_reaches_bureau_and_host_unit_after_tick(
    client, applicant, county_officer, bureau_officer, evaluation
):
    ev = to_scoring(bureau_officer, county_officer, applicant, evaluation, ("0.2", "0.2", "0.2"))
    ev = services.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="研发投入不足，限期整改")
    name = ev.center.official_name
    assert "没有待复查的整改。" in _card(_workbench_of(client, bureau_officer, "bureau_officer"), "整改待复查")

    call_command("tick", today=(ev.rectification.deadline + datetime.timedelta(days=1)).isoformat(), stdout=StringIO())

    review = _card(_workbench_of(client, bureau_officer, "bureau_officer"), "整改待复查")
    assert f"{name} 整改复查" in review and "整改期限已过" in review
    report = _card(_workbench_of(client, applicant, "applicant"), "整改报告待提交")
    assert f"{name} 整改报告" in report and "整改期限已过" in report
    county = _workbench_of(client, county_officer, "county_officer")
    assert county and "整改期限已过" not in county and "整改待复查" not in county


def test_centers_due_this_year_reach_only_the_bureau_until_a_round_covers_them(
    client, center, applicant, county_officer, bureau_officer, this_year
):
    out = StringIO()
    call_command("tick", stdout=out)
    assert center.official_name in out.getvalue()

    due = _card(_workbench_of(client, bureau_officer, "bureau_officer"), "本年度到期待评估的中心")
    assert center.official_name in due and "尚未纳入评估批次" in due
    for user, role in ((applicant, "applicant"), (county_officer, "county_officer")):
        assert "本年度到期待评估的中心" not in _workbench_of(client, user, role)

    open_round(bureau_officer, this_year)
    due = _card(_workbench_of(client, bureau_officer, "bureau_officer"), "本年度到期待评估的中心")
    assert center.official_name not in due and "本年度到期的中心都已纳入评估批次。" in due


def test_overdue_materials_note_reaches_host_unit_then_its_county_only(
    client,
    round_,
    evaluation,
    other_evaluation,
    applicant,
    other_applicant,
    county_officer,
    other_county_officer,
    bureau_officer,
):
    name = evaluation.center.official_name
    assert "材料已逾期" not in _workbench_of(client, applicant, "applicant")

    call_command("tick", today=(round_.materials_deadline + datetime.timedelta(days=1)).isoformat(), stdout=StringIO())

    pending = _card(_workbench_of(client, applicant, "applicant"), "绩效评估材料待填报")
    assert name in pending and "材料已逾期" in pending
    assert name not in _workbench_of(client, other_applicant, "applicant")

    submit_materials(applicant, evaluation)  # late: the flag stays with the materials
    to_check = _card(_workbench_of(client, county_officer, "county_officer"), "绩效评估材料待审核")
    assert name in to_check and "材料已逾期" in to_check
    assert name not in _workbench_of(client, other_county_officer, "county_officer")
    assert "评估材料逾期未交" not in _workbench_of(client, county_officer, "county_officer")

    overdue = _card(_workbench_of(client, bureau_officer, "bureau_officer"), "评估材料逾期未交")
    assert other_evaluation.center.official_name in overdue and name not in overdue
