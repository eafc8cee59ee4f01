"""Support (Art. 16, 17) recorded by the bureau; supervision visits (Art. 6(3)) by the county of the center."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from ticms.audit.models import Event
from ticms.centers import services
from ticms.errors import ServiceError

pytestmark = pytest.mark.django_db


def test_bureau_records_commissioned_project(center, bureau_officer):
    s = services.record_support(actor=bureau_officer, center=center, kind="commissioned_project",
                                title="储能关键技术攻关", year=2025, amount="3000000")
    assert (s.amount, s.article) == (Decimal("3000000.00"), "17")
    assert Event.objects.filter(action="center.record_support", object_id=str(center.pk)).exists()


def test_evaluation_call_without_year_records_provincial_recommendation(center, bureau_officer):
    # ticms.evaluations.effects calls record_support with `article` and without `year`.
    s = services.record_support(actor=bureau_officer, center=center, kind="provincial_recommendation",
                                title="绩效评估优秀，优先推荐申报省级技术创新中心", article="16, 17(2)")
    assert (s.kind, s.article, s.year) == ("provincial_recommendation", "16, 17(2)", datetime.date.today().year)


def test_only_the_bureau_records_support(center, applicant, county_officer):
    for user in (applicant, county_officer):
        with pytest.raises(PermissionDenied):
            services.record_support(actor=user, center=center, kind="innovation_consortium", title="联合体",
                                    year=2025)


@pytest.mark.parametrize(("kind", "amount", "field"), [("grant", None, "kind"), ("innovation_consortium", "-5",
                                                                                   "amount")])
def test_bad_support_input_refused(center, bureau_officer, kind, amount, field):
    with pytest.raises(ServiceError) as exc:
        services.record_support(actor=bureau_officer, center=center, kind=kind, title="x", year=2025, amount=amount)
    assert field in exc.value.detail


def test_county_records_a_visit_on_its_center(center, county_officer):
    visit = services.record_visit(actor=county_officer, center=center, visited_on=datetime.date(2025, 6, 1),
                                  findings="实验室安全台账不全", follow_up="一个月内补齐")
    assert visit.recorded_by == county_officer
    assert Event.objects.get(action="center.record_visit").data["findings"] == "实验室安全台账不全"


def test_other_county_cannot_record_a_visit(center, other_county_officer):
    with pytest.raises(PermissionDenied):
        services.record_visit(actor=other_county_officer, center=center, visited_on=datetime.date(2025, 6, 1),
                              findings="x")


def test_visit_in_the_future_or_without_findings_refused(center, county_officer):
    with pytest.raises(ServiceError) as exc:
        services.record_visit(actor=county_officer, center=center, visited_on=datetime.date(2999, 1, 1),
                              findings="")
    assert set(exc.value.detail) == {"visited_on", "findings"}


def test_bureau_registers_engineering_center_and_applicant_may_not(organisation, bureau_officer, applicant):
    eng = services.register_engineering_center(actor=bureau_officer, name="朔州市储能工程技术研究中心",
                                               host_unit=organisation, field="储能", recognized_year=2018,
                                               fixed_staff=20, equipment_value="2500000")
    assert Event.objects.filter(action="engineeringcenter.register", object_id=str(eng.pk)).exists()
    with pytest.raises(PermissionDenied):
        services.register_engineering_center(actor=applicant, name="另一中心", host_unit=organisation)
    with pytest.raises(ServiceError) as exc:
        services.register_engineering_center(actor=bureau_officer, name="朔州市储能工程技术研究中心",
                                             host_unit=organisation, fixed_staff=-2)
    assert set(exc.value.detail) == {"name", "fixed_staff"}
