"""The host unit keeps the profile current (Art. 7(1), 12, 13, 14); every edit audited with before/after."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from ticms.audit.models import Event
from ticms.centers import services
from ticms.centers.models import Output
from ticms.errors import ServiceError

pytestmark = pytest.mark.django_db


def test_profile_edit_is_audited_with_before_and_after(center, applicant):
    services.update_profile(actor=applicant, center=center, changes={"fixed_staff": 20, "charter": "理事会决策"})
    services.update_profile(actor=applicant, center=center, changes={"fixed_staff": 25})
    events = list(Event.objects.filter(action="center.update_profile").order_by("seq"))
    assert events[0].data["changes"]["fixed_staff"] == {"before": None, "after": "20"}
    assert events[1].data["changes"] == {"fixed_staff": {"before": "20", "after": "25"}}


def test_unchanged_profile_writes_no_event(center, applicant):
    services.update_profile(actor=applicant, center=center, changes={"fixed_staff": 20})
    services.update_profile(actor=applicant, center=center, changes={"fixed_staff": 20})
    assert Event.objects.filter(action="center.update_profile").count() == 1


def test_partner_units_edit_records_names(center, applicant, third_organisation):
    services.update_profile(actor=applicant, center=center, changes={"partner_units": [third_organisation.pk]})
    event = Event.objects.get(action="center.update_profile")
    assert event.data["changes"]["partner_units"] == {"before": [], "after": [third_organisation.name]}


def test_other_host_unit_cannot_edit(center, other_applicant):
    with pytest.raises(PermissionDenied):
        services.update_profile(actor=other_applicant, center=center, changes={"fixed_staff": 20})


def test_county_and_bureau_cannot_edit_the_profile(center, county_officer, bureau_officer):
    for user in (county_officer, bureau_officer):
        with pytest.raises(PermissionDenied):
            services.update_profile(actor=user, center=center, changes={"fixed_staff": 20})


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fixed_staff": -3}, "fixed_staff"),
        ({"fixed_staff": 10**12}, "fixed_staff"),
        ({"fixed_staff": "十五"}, "fixed_staff"),
        ({"visiting_staff": 2.5}, "visiting_staff"),
        ({"floor_area_m2": "-1"}, "floor_area_m2"),
        ({"floor_area_m2": "1e30"}, "floor_area_m2"),
        ({"equipment_value": "NaN"}, "equipment_value"),
        ({"equipment_value": "abc"}, "equipment_value"),
        ({"equipment_value": "1" + "0" * 20}, "equipment_value"),
        ({"legal_form": "cooperative"}, "legal_form"),
        ({"charter": 42}, "charter"),
        ({"partner_units": ["x"]}, "partner_units"),
        ({"partner_units": [999999]}, "partner_units"),
        ({"director": "张三"}, "director"),
    ],
)
def test_bad_profile_input_is_refused_field_by_field(center, applicant, changes, field):
    with pytest.raises(ServiceError) as exc:
        services.update_profile(actor=applicant, center=center, changes=changes)
    assert field in exc.value.detail
    center.refresh_from_db()
    assert center.fixed_staff is None and center.profile_updated_at is None


def test_one_bad_field_saves_nothing(center, applicant):
    with pytest.raises(ServiceError):
        services.update_profile(actor=applicant, center=center, changes={"charter": "章程", "fixed_staff": -1})
    center.refresh_from_db()
    assert center.charter == ""
    assert not Event.objects.filter(action="center.update_profile").exists()


def test_internal_unit_needs_a_target_date(center, applicant):
    with pytest.raises(ServiceError) as exc:
        services.update_profile(actor=applicant, center=center, changes={"legal_form": "internal_unit"})
    assert "legal_form_target_date" in exc.value.detail


def test_legal_form_once_recorded_changes_only_by_change_request(center, applicant):
    services.update_profile(actor=applicant, center=center, changes={"legal_form": "firm"})
    with pytest.raises(ServiceError) as exc:
        services.update_profile(actor=applicant, center=center, changes={"legal_form": "social_service"})
    assert "第十五条" in exc.value.detail["legal_form"]


def test_legal_form_overdue_after_target_date(center, applicant):
    services.update_profile(actor=applicant, center=center, changes={
        "legal_form": "internal_unit", "legal_form_target_date": datetime.date(2025, 1, 1)})
    center.refresh_from_db()
    assert center.legal_form_overdue(on=datetime.date(2025, 1, 2))
    assert not center.legal_form_overdue(on=datetime.date(2024, 12, 31))


def test_revoked_center_profile_is_frozen(center, applicant, bureau_officer):
    services.change_status(actor=bureau_officer, center=center, transition="revoke", comment="依托单位申请")
    center.refresh_from_db()
    with pytest.raises(ServiceError) as exc:
        services.update_profile(actor=applicant, center=center, changes={"fixed_staff": 20})
    assert exc.value.status == 409


def test_sub_institutes_only_for_comprehensive_centers(center, applicant):
    with pytest.raises(ServiceError) as exc:
        services.add_sub_institute(actor=applicant, center=center, name="储能材料所",
                                   opened_on=datetime.date(2025, 5, 1))
    assert "第三条" in exc.value.detail


def test_sub_institute_added_and_closed(organisation, applicant, bureau_officer):
    from .factories import make_center

    center = make_center(organisation, category="comprehensive", bureau=bureau_officer)
    sub = services.add_sub_institute(actor=applicant, center=center, name="储能材料所",
                                     opened_on=datetime.date(2025, 5, 1))
    with pytest.raises(ServiceError):
        services.close_sub_institute(actor=applicant, sub_institute=sub, closed_on=datetime.date(2025, 4, 1),
                                     reason="并入")
    sub = services.close_sub_institute(actor=applicant, sub_institute=sub, closed_on=datetime.date(2026, 1, 1),
                                       reason="并入材料所")
    assert sub.closed_on == datetime.date(2026, 1, 1)


def test_ip_output_must_say_whether_it_carries_the_center_name(center, applicant):
    with pytest.raises(ServiceError) as exc:
        services.record_output(actor=applicant, center=center, kind="ip_asset", title="储能电池专利", year=2025)
    assert "第十四条" in exc.value.detail["carries_center_name"]


def test_transfer_output_records_income(center, applicant):
    o = services.record_output(actor=applicant, center=center, kind="transfer", title="技术许可", year=2025,
                               income="1500000")
    assert (o.kind, o.income) == (Output.Kind.TRANSFER, Decimal("1500000.00"))


@pytest.mark.parametrize("year", [1900, 3000, "abc", None])
def test_output_year_out_of_range_refused(center, applicant, year):
    with pytest.raises(ServiceError) as exc:
        services.record_output(actor=applicant, center=center, kind="standard", title="团体标准", year=year)
    assert "year" in exc.value.detail
