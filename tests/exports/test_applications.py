"""The applications list as XLSX: the caller's scope, the page's filter, money in 万元, audited."""

import datetime
from decimal import Decimal

import pytest

from ticms.audit.models import Event
from ticms.exports import XLSX

from ..applications.factories import new_application
from .helpers import column, table, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def apps(applicant, organisation, other_applicant, other_organisation):
    mine = new_application(applicant, organisation, name="本单位中心", equipment_value=Decimal("1234500"))
    theirs = new_application(other_applicant, other_organisation, name="他单位中心")
    return mine, theirs


def test_applicant_exports_only_own_applications_with_money_in_wan(client, applicant, apps):
    client.force_login(applicant)
    header, rows = table(client.get("/applications/?format=xlsx"))
    assert header[:4] == ["编号", "申报年度", "申报类型", "拟建中心名称"]
    assert column(header, rows, "拟建中心名称") == ["本单位中心"]
    ws = workbook(client.get("/applications/?format=xlsx")).worksheets[0]
    money = ws.cell(row=2, column=header.index("科研仪器设备原值（万元）") + 1)
    assert money.value == 123.45 and money.number_format == "0.00"
    updated = ws.cell(row=2, column=header.index("最后更新") + 1).value
    assert isinstance(updated, datetime.datetime)


def test_county_officer_export_has_only_their_county(client, county_officer, apps):
    client.force_login(county_officer)
    header, rows = table(client.get("/applications/?format=xlsx"))
    assert column(header, rows, "拟建中心名称") == ["本单位中心"]


def test_filter_applies_and_export_is_audited(client, applicant, apps):
    client.force_login(applicant)
    header, rows = table(client.get("/applications/?format=xlsx&state=submitted"))
    assert rows == []
    event = Event.objects.filter(action="export.xlsx").latest("seq")
    assert event.actor == applicant
    assert event.data == {"list": "applications", "filter": {"状态": "submitted"}, "rows": 0}


def test_api_answers_xlsx_on_accept_header(client, applicant, apps):
    client.force_login(applicant)
    response = client.get("/api/v1/applications", headers={"Accept": XLSX})
    header, rows = table(response)
    assert column(header, rows, "拟建中心名称") == ["本单位中心"]
    info = workbook(client.get("/api/v1/applications?format=xlsx")).worksheets[1]
    assert info.title == "导出信息"
    assert [c.value for c in info["A"]][:4] == ["列表", "导出时间", "导出人", "记录数"]


def test_page_shows_export_button_keeping_the_filter(client, applicant, apps):
    client.force_login(applicant)
    html = client.get("/applications/?state=draft").content.decode()
    assert "导出Excel" in html and "state=draft&amp;format=xlsx" in html
