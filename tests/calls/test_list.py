"""The calls list on the list component: status and year filters, sorting, export, flat queries."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.applications.factories import CallFactory

pytestmark = pytest.mark.django_db


def total(html: str) -> int:
    return int(re.search(r'id="list-total">共 (\d+) 条', html).group(1))


@pytest.fixture
def calls():
    today = timezone.localdate()
    return (
        CallFactory(year=2026, title="申报中的通知"),
        CallFactory(year=2027, title="未开始的通知", opens=today + datetime.timedelta(days=3)),
        CallFactory(
            year=2025,
            title="已截止的通知",
            opens=today - datetime.timedelta(days=60),
            closes=today - datetime.timedelta(days=30),
        ),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", "申报中的通知"),
        ("status=upcoming", "未开始的通知"),
        ("status=closed", "已截止的通知"),
        ("year=2025", "已截止的通知"),
        ("q=未开始", "未开始的通知"),
    ],
)
def test_public_filters_the_calls(client, calls, query, expected):
    html = client.get(f"/calls/?{query}").content.decode()
    assert total(html) == 1 and expected in html


def test_sorting_by_year_and_export_of_the_filtered_calls(client, calls, bureau_officer):
    html = client.get("/calls/?sort=year").content.decode()
    assert html.index("已截止的通知") < html.index("申报中的通知") < html.index("未开始的通知")
    client.force_login(bureau_officer)
    response = client.get("/calls/?status=open&format=xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0].values)
    assert [r[1] for r in rows[1:]] == ["申报中的通知"]


@pytest.mark.parametrize("rows", [5, 50])
def test_calls_list_queries_do_not_grow(client, rows, django_assert_max_num_queries):
    CallFactory.create_batch(rows)
    with django_assert_max_num_queries(4):
        html = client.get("/calls/?per=100").content.decode()
    assert total(html) == rows
