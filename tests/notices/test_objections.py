"""Objections (Art. 9(4)): real name, within the period, rate-limited; the bureau's handling needs reasons."""

import datetime

import pytest

from ticms.audit.models import Event
from ticms.errors import ServiceError
from ticms.notices import services
from ticms.notices.models import Objection
from ticms.workflow.core import WorkflowError

from .factories import at, published_notice

pytestmark = pytest.mark.django_db

GOOD = {"name": "张三", "organisation": "朔州某公司", "phone": "13800001111", "content": "该单位研发投入数据不实。"}


@pytest.fixture
def item(bureau_officer):
    with at(datetime.date(2025, 9, 26)):
        return published_notice(bureau_officer).items.get()


def test_an_objection_within_the_period_is_accepted_with_a_reference(item):
    objection = services.raise_objection(item=item, ip="10.0.0.1", today=datetime.date(2025, 10, 9), **GOOD)
    assert objection.state == "open" and objection.reference.startswith("YY")
    event = Event.objects.get(action="objection.raise")
    assert "13800001111" not in str(event.data)


def test_an_objection_after_the_last_day_is_refused(item):
    with pytest.raises(ServiceError) as exc:
        services.raise_objection(item=item, today=datetime.date(2025, 10, 10), **GOOD)
    assert exc.value.error == "period_ended" and "公示时间：2025年9月26日至2025年10月9日" in exc.value.detail
    assert not Objection.objects.exists()


@pytest.mark.parametrize("field", ["name", "organisation", "phone", "content"])
def test_an_objection_missing_a_required_field_is_refused(item, field):
    with pytest.raises(ServiceError) as exc:
        services.raise_objection(item=item, today=datetime.date(2025, 9, 29), **{**GOOD, field: "  "})
    assert exc.value.field == field
    assert not Objection.objects.exists()


def test_an_objection_with_a_bad_phone_or_huge_content_is_refused(item):
    with pytest.raises(ServiceError):
        services.raise_objection(item=item, today=datetime.date(2025, 9, 29), **{**GOOD, "phone": "abc"})
    with pytest.raises(ServiceError):
        services.raise_objection(item=item, today=datetime.date(2025, 9, 29), **{**GOOD, "content": "字" * 6000})


def test_too_many_objections_from_one_address_are_refused(item):
    for _ in range(services.OBJECTIONS_PER_IP_PER_HOUR):
        services.raise_objection(item=item, ip="10.0.0.9", today=datetime.date(2025, 9, 29), **GOOD)
    with pytest.raises(ServiceError) as exc:
        services.raise_objection(item=item, ip="10.0.0.9", today=datetime.date(2025, 9, 29), **GOOD)
    assert exc.value.status == 429
    services.raise_objection(item=item, ip="10.0.0.10", today=datetime.date(2025, 9, 29), **GOOD)


def test_handling_requires_reasons(item, bureau_officer):
    objection = services.raise_objection(item=item, today=datetime.date(2025, 9, 29), **GOOD)
    with pytest.raises(WorkflowError) as exc:
        services.handle_objection(actor=bureau_officer, objection=objection, sustained=False, handling=" ")
    assert exc.value.reasons[0].code == "comment_required"
    handled = services.handle_objection(actor=bureau_officer, objection=objection, sustained=False,
                                        handling="经核查，研发投入有审计报告佐证，异议不成立。")
    assert handled.state == "dismissed" and handled.handled_by == bureau_officer and handled.handled_at
    assert Event.objects.filter(action="objection.dismiss").exists()


def test_only_the_bureau_handles_objections(item, county_officer):
    objection = services.raise_objection(item=item, today=datetime.date(2025, 9, 29), **GOOD)
    with pytest.raises(WorkflowError) as exc:
        services.handle_objection(actor=county_officer, objection=objection, sustained=True, handling="x")
    assert exc.value.status == 403
