"""Starting an application and filling it in: tracks, bad input, audit with before/after."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ticms.applications import services
from ticms.applications.models import Application
from ticms.audit.models import Event
from ticms.centers.models import EngineeringCenter
from ticms.errors import ServiceError

from .factories import CallFactory, new_application

pytestmark = pytest.mark.django_db


def test_applicant_starts_application_under_open_call(applicant, organisation):
    app = new_application(applicant, organisation)
    assert app.state == "draft" and app.year == 2026 and app.host_unit == organisation
    assert Event.objects.filter(action="application.create", object_id=str(app.pk)).exists()


def test_closed_call_refuses_new_application(applicant, organisation):
    past = timezone.localdate() - datetime.timedelta(days=40)
    call = CallFactory(opens=past, closes=past + datetime.timedelta(days=10))
    with pytest.raises(ServiceError) as exc:
        services.create_application(actor=applicant, lead_unit=organisation, call=call)
    assert exc.value.error == "call_closed" and "第九条" in exc.value.detail
    assert not Application.objects.exists()


def test_applicant_cannot_apply_for_another_organisation(applicant, other_organisation):
    with pytest.raises(ServiceError) as exc:
        services.create_application(actor=applicant, lead_unit=other_organisation, call=CallFactory())
    assert exc.value.status == 403


def test_county_officer_cannot_start_application(county_officer, organisation):
    with pytest.raises(ServiceError) as exc:
        services.create_application(actor=county_officer, lead_unit=organisation, call=CallFactory())
    assert exc.value.status == 403


def test_second_live_application_under_same_call_is_refused(applicant, organisation):
    call = CallFactory()
    new_application(applicant, organisation, call=call)
    with pytest.raises(ServiceError) as exc:
        services.create_application(actor=applicant, lead_unit=organisation, call=call)
    assert exc.value.status == 409


def test_conversion_track_is_prefilled_from_engineering_center(applicant, organisation):
    ec = EngineeringCenter.objects.create(name="朔州市碳基新材料工程技术研究中心", host_unit=organisation,
                                          field="碳基新材料", director="王主任", director_title="教授",
                                          fixed_staff=18, floor_area_m2=Decimal("500"),
                                          equipment_value=Decimal("2500000"))
    app = services.create_application(actor=applicant, lead_unit=organisation, track="conversion",
                                      engineering_center=ec)
    assert app.call is None and app.category == "domain" and app.field == "碳基新材料"
    assert (app.director, app.director_title, app.fixed_staff) == ("王主任", "教授", 18)
    assert app.equipment_value == Decimal("2500000")


def test_conversion_of_another_units_engineering_center_is_refused(applicant, organisation, other_organisation):
    ec = EngineeringCenter.objects.create(name="平鲁某工程中心", host_unit=other_organisation)
    with pytest.raises(ServiceError) as exc:
        services.create_application(actor=applicant, lead_unit=organisation, track="conversion",
                                    engineering_center=ec)
    assert exc.value.error == "engineering_center_required"


def test_update_records_before_and_after_values(applicant, organisation):
    app = new_application(applicant, organisation, fixed_staff=10)
    services.update_application(actor=applicant, application=app, changes={"fixed_staff": 16})
    event = Event.objects.filter(action="application.update").latest("seq")
    assert event.data["changes"] == {"fixed_staff": [10, 16]}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fixed_staff": -1}, "fixed_staff"),
        ({"fixed_staff": "很多"}, "fixed_staff"),
        ({"fixed_staff": True}, "fixed_staff"),
        ({"fixed_staff": 10**12}, "fixed_staff"),
        ({"equipment_value": Decimal("-5")}, "equipment_value"),
        ({"equipment_value": Decimal("1e13")}, "equipment_value"),
        ({"equipment_value": "abc"}, "equipment_value"),
        ({"equipment_value": "NaN"}, "equipment_value"),
        ({"rd_investment_y2": Decimal("1.005")}, "rd_investment_y2"),
        ({"floor_area_m2": Decimal("1e9")}, "floor_area_m2"),
        ({"field": "火星采矿"}, "field"),
        ({"category": "other"}, "category"),
        ({"director": "x" * 101}, "director"),
        ({"integrity_declaration": "yes"}, "integrity_declaration"),
    ],
)
def test_bad_input_is_refused_with_chinese_message_and_nothing_saved(applicant, organisation, changes, field):
    app = new_application(applicant, organisation, director="张三")
    events = Event.objects.count()
    with pytest.raises(ServiceError) as exc:
        services.update_application(actor=applicant, application=app, changes={"director": "李四", **changes})
    assert exc.value.field == field and field in exc.value.detail
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.detail[field])
    app.refresh_from_db()
    assert app.director == "张三" and Event.objects.count() == events


def test_submitted_application_cannot_be_edited(applicant, organisation):
    from .factories import submitted_application

    app = submitted_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.update_application(actor=applicant, application=app, changes={"fixed_staff": 30})
    assert exc.value.status == 409


def test_other_applicant_cannot_edit(applicant, organisation, other_applicant):
    app = new_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.update_application(actor=other_applicant, application=app, changes={"fixed_staff": 30})
    assert exc.value.status == 403


def test_database_refuses_negative_money_as_second_line(applicant, organisation):
    from django.db import IntegrityError, transaction

    app = new_application(applicant, organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=app.pk).update(equipment_value=Decimal("-1"))


def test_partner_units_are_set_and_audited(applicant, organisation, other_organisation):
    app = new_application(applicant, organisation)
    services.update_application(actor=applicant, application=app, changes={},
                                partner_unit_ids=[other_organisation.pk])
    assert list(app.partner_units.all()) == [other_organisation]
    assert Event.objects.filter(action="application.update").latest("seq").data["changes"]["partner_units"]
