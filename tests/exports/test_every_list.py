"""Every list page and list API answers XLSX with its declared Chinese headers, and each export is audited."""

from decimal import Decimal

import pytest

from ticms.audit.models import Event
from ticms.centers.services import record_support
from ticms.exports import XLSX

from ..centers.factories import make_center
from .helpers import column, table

pytestmark = pytest.mark.django_db

LISTS = [
    ("/notices/?format=xlsx", "notices", "标题"),
    ("/api/v1/notices?format=xlsx", "notices", "标题"),
    ("/notices/objections/?format=xlsx", "objections", "受理编号"),
    ("/api/v1/objections?format=xlsx", "objections", "受理编号"),
    ("/reviews/experts/?format=xlsx", "experts", "擅长领域"),
    ("/api/v1/experts?format=xlsx", "experts", "擅长领域"),
    ("/reviews/panels/?format=xlsx", "panels", "评审对象"),
    ("/evaluations/?format=xlsx", "evaluation_rounds", "批次名称"),
    ("/api/v1/evaluation-rounds?format=xlsx", "evaluation_rounds", "批次名称"),
    ("/api/v1/change-requests?format=xlsx", "change_requests", "变更类型"),
    ("/api/v1/filings?format=xlsx", "filings", "备案事项"),
    ("/api/v1/supports?format=xlsx", "supports", "金额（万元）"),
    ("/documents/?format=xlsx", "documents", "文号"),
    ("/api/v1/documents?format=xlsx", "documents", "文号"),
]


@pytest.mark.parametrize(("url", "name", "a_header"), LISTS)
def test_list_exports_xlsx_and_audits(client, bureau_officer, url, name, a_header):
    client.force_login(bureau_officer)
    header, _ = table(client.get(url))
    assert a_header in header
    event = Event.objects.filter(action="export.xlsx").latest("seq")
    assert event.data["list"] == name and event.actor == bureau_officer


def test_support_amount_in_wan_and_filtered_by_center(client, bureau_officer, organisation, other_organisation):
    mine, other = make_center(organisation), make_center(other_organisation)
    record_support(actor=bureau_officer, center=mine, kind="commissioned_project", title="研发补助", year=2025,
                   amount=Decimal("1234500"))
    record_support(actor=bureau_officer, center=other, kind="commissioned_project", title="其他", year=2025,
                   amount=Decimal("10000"))
    client.force_login(bureau_officer)
    header, rows = table(client.get(f"/api/v1/supports?center_id={mine.pk}", headers={"Accept": XLSX}))
    assert column(header, rows, "名称") == ["研发补助"]
    assert column(header, rows, "类型") == ["定向委托市级科技计划项目"]
    assert column(header, rows, "金额（万元）") == [123.45]
