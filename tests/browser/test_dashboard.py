"""统计看板 in Chromium: the charts draw under the strict CSP, and clicking a county bar opens that county's
centers in the directory."""

import pytest

from tests.centers.factories import make_center
from tests.factories import OrganisationFactory, user_with_role
from ticms.accounts.roles import Role

pytestmark = pytest.mark.browser


def test_county_bar_opens_the_directory_filtered_to_that_county(page, live_server, login, county, other_county):
    bureau = user_with_role(Role.BUREAU_OFFICER)
    mine = make_center(OrganisationFactory(competent_unit=county), field="储能", bureau=bureau)
    theirs = make_center(OrganisationFactory(competent_unit=other_county), field="半导体", bureau=bureau)
    problems: list[str] = []
    # Script errors and CSP refusals; a missing favicon is not the dashboard's business.
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    login(page, live_server, bureau)
    page.goto(f"{live_server.url}/dashboard/")
    page.locator('[data-chart="centers-by-county"] canvas').wait_for()
    assert problems == []

    # Where ECharts drew the 朔城区 bar (categories are sorted by name: 平鲁区, 朔城区), relative to the chart.
    # Taken once the bars have finished growing, so the point is on the bar when clicked.
    x, y = page.evaluate("""() => new Promise((resolve) => {
        const el = document.querySelector('[data-chart="centers-by-county"]');
        const chart = echarts.getInstanceByDom(el);
        const at = () => {
            const cat = chart.getOption().xAxis[0].data.indexOf("朔城区");
            const top = chart.convertToPixel({seriesIndex: 0}, [cat, 1]);
            const bottom = chart.convertToPixel({seriesIndex: 0}, [cat, 0]);
            resolve([top[0], (top[1] + bottom[1]) / 2]);
        };
        chart.on("finished", at);
        setTimeout(at, 3000);
    })""")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator('[data-chart="centers-by-county"]').click(position={"x": x, "y": y})
    assert page.url.endswith(f"/centers/?county={county.pk}")
    assert mine.official_name in page.content()
    assert theirs.official_name not in page.content()


def test_county_on_the_map_opens_the_directory_filtered_to_that_county(page, live_server, login, county,
                                                                       other_county):
    bureau = user_with_role(Role.BUREAU_OFFICER)
    mine = make_center(OrganisationFactory(competent_unit=county), field="储能", bureau=bureau)
    theirs = make_center(OrganisationFactory(competent_unit=other_county), field="半导体", bureau=bureau)
    failed: list[str] = []
    # The icon's request can be cut off by the next navigation (net::ERR_ABORTED); it is not the map's business.
    page.on("requestfailed", lambda r: failed.append(r.url) if "favicon" not in r.url else None)
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)

    login(page, live_server, bureau)
    page.goto(f"{live_server.url}/dashboard/")
    page.locator(".ticms-map canvas").wait_for()
    # The pixel of a point well inside 朔城区 (its label point in the boundary data), once the map has drawn.
    x, y = page.evaluate("""() => new Promise((resolve) => {
        const chart = echarts.getInstanceByDom(document.querySelector('.ticms-map'));
        const at = () => resolve(chart.convertToPixel({seriesIndex: 0}, [112.432312, 39.319519]));
        chart.on("finished", at);
        setTimeout(at, 3000);
    })""")
    assert failed == []  # the boundaries came from our own static files
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator(".ticms-map").click(position={"x": x, "y": y})
    assert page.url.endswith(f"/centers/?county={county.pk}")
    assert mine.official_name in page.content()
    assert theirs.official_name not in page.content()
