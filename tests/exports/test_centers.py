"""The registry lists as XLSX: /centers/manage/ in the officer's scope, the public directory, its API."""

import datetime
import time

import pytest

from tests.factories import OrganisationFactory
from ticms.audit.models import Event
from ticms.centers.models import Center

from ..centers.factories import make_center
from .helpers import column, table, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def centers(organisation, other_organisation):
    return (make_center(organisation, official_name="朔州市储能技术创新中心", field="储能"),
            make_center(other_organisation, official_name="朔州市半导体技术创新中心", field="半导体"))


def test_county_officer_exports_only_centers_of_their_county(client, county_officer, centers):
    client.force_login(county_officer)
    header, rows = table(client.get("/centers/manage/?format=xlsx"))
    assert "所属县区" in header
    assert column(header, rows, "正式名称") == ["朔州市储能技术创新中心"]
    recognized = column(header, rows, "认定日期")[0]
    assert isinstance(recognized, datetime.datetime) and recognized.date() == datetime.date(2025, 3, 2)


def test_directory_export_applies_filter_and_names_no_person(client, centers):
    response = client.get("/centers/?format=xlsx&field=半导体")
    book = workbook(response)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["朔州市半导体技术创新中心"]
    assert "中心主任" not in rows[0]
    info = dict(book["导出信息"].iter_rows(values_only=True))
    assert info["筛选条件"] == "领域：半导体" and info["记录数"] == 1
    assert book.worksheets[0].freeze_panes == "A2"


def test_api_list_answers_xlsx_and_audits_it(client, bureau_officer, centers):
    client.force_login(bureau_officer)
    header, rows = table(client.get("/api/v1/centers?format=xlsx&status=active"))
    assert len(rows) == 2
    event = Event.objects.filter(action="export.xlsx").latest("seq")
    assert event.data == {"list": "centers", "filter": {"状态": "active"}, "rows": 2}


def test_ten_thousand_centers_export_in_under_ten_seconds(client, bureau_officer, county):
    orgs = OrganisationFactory.create_batch(20, competent_unit=county)
    Center.objects.bulk_create(
        [Center(official_name=f"朔州市基准{i:05d}技术创新中心", category="domain", field="储能",
                host_unit=orgs[i % 20], lead_unit=orgs[i % 20], recognized_on=datetime.date(2024, 1, 1),
                equipment_value=i * 100) for i in range(10_000)], batch_size=2000)
    client.force_login(bureau_officer)
    start = time.perf_counter()
    response = client.get("/centers/manage/?format=xlsx")
    content = b"".join(response.streaming_content)
    elapsed = time.perf_counter() - start
    print(f"export of 10,000 centers: {elapsed:.2f} s")
    assert elapsed < 10, elapsed
    response.streaming_content = iter([content])
    header, rows = table(response)
    assert len(rows) == 10_000


def test_export_above_the_bound_is_refused_with_a_message(client, bureau_officer, centers, settings):
    settings.EXPORT_MAX_ROWS = 1
    client.force_login(bureau_officer)
    page = client.get("/centers/manage/?format=xlsx", follow=True)
    assert "符合条件的记录有 2 条，超过导出上限 1 条" in page.content.decode()
    api = client.get("/api/v1/centers?format=xlsx")
    assert api.status_code == 422 and api.json()["error"] == "too_many_rows"
    assert not Event.objects.filter(action="export.xlsx").exists()
