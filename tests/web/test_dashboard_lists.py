"""Every figure of the dashboard opens a list that shows the same number of rows (issue 12): on the demo data, each
chart element's link is followed and the list's 「共 N 条」 compared with the bar. One test per role (seeding the
demo takes seconds); the assertion names the chart and the bar that differ."""

import re

import pytest

from ticms.accounts.roles import Role
from ticms.ops.demo import DemoContext, seed_all
from ticms.web.dashboard import compute

pytestmark = pytest.mark.django_db

# The amount series links the same list as the count series: its figure is money, not rows.
NOT_ROW_COUNTS = {"金额（万元）"}


def listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return int(re.search(r'id="list-total">共 (\d+) 条', response.content.decode()).group(1))


def check_every_link(client, user, role) -> int:
    client.force_login(user)
    figures = compute(user, role)
    checked = 0
    for chart in figures["charts"]:
        for series in chart["series"]:
            if series["name"] in NOT_ROW_COUNTS:
                continue
            for category, value, link in zip(chart["categories"], series["data"], series["links"], strict=True):
                if not value and chart.get("stack"):
                    continue
                assert listed(client, link) == value, (chart["id"], category, series["name"], link)
                checked += 1
    for tile in figures["tiles"]:
        assert listed(client, tile["url"]) == tile["value"], (tile["id"], tile["url"])
        checked += 1
    return checked


def test_every_bureau_chart_opens_a_list_with_the_same_count(client):
    ctx = seed_all(DemoContext())
    assert check_every_link(client, ctx.users["bureau"], Role.BUREAU_OFFICER) > 20


def test_every_county_chart_opens_a_list_with_the_same_count(client):
    ctx = seed_all(DemoContext())
    assert check_every_link(client, ctx.users["county"], Role.COUNTY_OFFICER) > 10
