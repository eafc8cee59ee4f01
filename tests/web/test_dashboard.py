"""统计看板: figures counted by hand from records made here, scoped like the lists, linked to the lists."""

import datetime
import json
import re
from decimal import Decimal

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.utils import timezone

from tests.applications.factories import CallFactory, new_application, submitted_application
from tests.centers.factories import make_center
from tests.evaluations.factories import make_center as make_due_center
from tests.evaluations.factories import open_round, to_scoring
from ticms.accounts.models import CompetentUnit
from ticms.applications.models import Application
from ticms.centers.services import record_support
from ticms.evaluations import services as evaluations


def figures(client, user):
    client.force_login(user)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<script id="dashboard-data" type="application/json">') + len(
        '<script id="dashboard-data" type="application/json">')
    charts = json.loads(page[start:page.index("</script>", start)])
    return page, {c["id"]: c for c in charts}


def bars(chart, series=0):
    s = chart["series"][series]
    return {cat: (value, link) for cat, value, link in zip(chart["categories"], s["data"], s["links"], strict=True)}


@pytest.fixture
def applications(frozen_today, applicant, organisation, other_applicant, other_organisation):
    call_2025 = CallFactory(year=2025)
    new_application(applicant, organisation)
    new_application(applicant, organisation, call=call_2025)
    submitted_application(applicant, organisation)
    submitted_application(other_applicant, other_organisation)
    new_application(other_applicant, other_organisation)


@pytest.fixture
def centers(bureau_officer, organisation, other_organisation):
    return [
        make_center(organisation, field="储能", bureau=bureau_officer),
        make_center(organisation, field="新能源", category="comprehensive", bureau=bureau_officer),
        make_center(organisation, field="储能", status="preparatory", bureau=bureau_officer),
        make_center(other_organisation, field="半导体", bureau=bureau_officer),
    ]


@pytest.mark.parametrize("fixture", ["applicant", "expert_user", "system_admin", "security_admin", "audit_admin"])
def test_other_roles_are_refused_the_dashboard(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/dashboard/").status_code == 403


def test_dashboard_runs_no_inline_script(client, bureau_officer):
    page, _ = figures(client, bureau_officer)
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag
    assert "/static/web/dashboard.js" in page and "/static/vendor/echarts/echarts.min.js" in page


def test_anonymous_user_is_sent_to_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_bureau_sees_applications_by_state_and_year_linked_to_the_filtered_list(client, bureau_officer,
                                                                                applications):
    page, charts = figures(client, bureau_officer)
    assert '<a href="/applications/?state=draft">3</a>' in page  # the table under the chart, for keyboards
    assert bars(charts["applications-by-state"]) == {
        "草稿": (3, "/applications/?state=draft"),
        "已提交，待归口管理单位审核": (2, "/applications/?state=submitted"),
    }
    assert bars(charts["applications-by-year"]) == {"2025年": (1, "/applications/?year=2025"),
                                                    "2026年": (4, "/applications/?year=2026")}


def test_county_officer_counts_only_their_jurisdiction(client, county_officer, applications, centers):
    page, charts = figures(client, county_officer)
    assert bars(charts["applications-by-state"]) == {
        "草稿": (2, "/applications/?state=draft"),
        "已提交，待归口管理单位审核": (1, "/applications/?state=submitted"),
    }
    assert [c for c in bars(charts["centers-by-county"])] == ["朔城区"]
    assert "平鲁区" not in page and "半导体" not in page
    assert 'id="tile-objections-open"' not in page  # the objection list is the bureau's


def test_centers_by_status_category_field_and_county_link_to_the_directory_filters(
        client, bureau_officer, centers, county, other_county):
    _, charts = figures(client, bureau_officer)
    assert bars(charts["centers-by-status"]) == {"筹建": (1, "/centers/?status=preparatory"),
                                                 "运行中": (3, "/centers/?status=active")}
    assert bars(charts["centers-by-category"]) == {"综合类": (1, "/centers/?category=comprehensive"),
                                                   "领域类": (3, "/centers/?category=domain")}
    by_field = bars(charts["centers-by-field"])
    assert {k: v[0] for k, v in by_field.items()} == {"储能": 2, "新能源": 1, "半导体": 1}
    assert by_field["储能"][1] == "/centers/?field=%E5%82%A8%E8%83%BD"
    assert bars(charts["centers-by-county"]) == {"朔城区": (3, f"/centers/?county={county.pk}"),
                                                 "平鲁区": (1, f"/centers/?county={other_county.pk}")}


def test_the_county_map_counts_centers_by_division_code_and_has_a_boundary_for_every_county(
        client, bureau_officer, centers, county, other_county):
    page, _ = figures(client, bureau_officer)
    start = page.index('<script id="dashboard-map" type="application/json">') + len(
        '<script id="dashboard-map" type="application/json">')
    areas = {a["code"]: a for a in json.loads(page[start:page.index("</script>", start)])}
    assert {code: (a["name"], a["value"], a["link"]) for code, a in areas.items()} == {
        "140602": ("朔城区", 3, f"/centers/?county={county.pk}"),
        "140603": ("平鲁区", 1, f"/centers/?county={other_county.pk}"),
    }
    # Every county the system knows (seeded from GB/T 2260) has its area on the shipped map, under the same name.
    with open(finders.find("vendor/geo/shuozhou.json"), encoding="utf-8") as f:
        shapes = {feature["properties"]["code"]: feature["properties"]["name"] for feature in json.load(f)["features"]}
    known = dict(CompetentUnit.objects.exclude(division_code="").filter(kind="county")
                 .values_list("division_code", "name"))
    assert known and all(shapes.get(code) == name for code, name in known.items())


def test_directory_link_of_a_county_bar_lists_that_countys_centers(client, bureau_officer, centers, county):
    _, charts = figures(client, bureau_officer)
    link = bars(charts["centers-by-county"])["朔城区"][1]
    page = client.get(link).content.decode()
    assert centers[0].official_name in page and centers[3].official_name not in page


def test_support_by_year_counts_and_sums_in_wan_yuan(client, bureau_officer, centers):
    record_support(actor=bureau_officer, center=centers[0], kind="commissioned_project", title="储能项目",
                   year=2025, amount=Decimal("1500000"))
    record_support(actor=bureau_officer, center=centers[3], kind="innovation_consortium", title="联合体",
                   year=2025, amount=Decimal("250000.50"))
    record_support(actor=bureau_officer, center=centers[1], kind="provincial_platform", title="省级平台", year=2026)
    _, charts = figures(client, bureau_officer)
    chart = charts["support-by-year"]
    assert chart["categories"] == ["2025年", "2026年"]
    assert chart["series"][0]["data"] == [2, 1]
    assert chart["amounts"] == ["175.00", "0.00"]


def test_overdue_evaluations_and_rectifications_and_grades_by_round(
        client, bureau_officer, county_officer, applicant, organisation, other_organisation):
    start = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(start, tick=True):
        excellent = make_due_center(bureau_officer, organisation, recognized_on=datetime.date(2023, 3, 1))
        failing = make_due_center(bureau_officer, organisation, recognized_on=datetime.date(2023, 3, 2))
        make_due_center(bureau_officer, other_organisation, recognized_on=datetime.date(2023, 3, 3))
        round_ = open_round(bureau_officer, 2026, materials_deadline=datetime.date(2026, 4, 1))
        ev = to_scoring(bureau_officer, county_officer, applicant, round_.evaluations.get(center=excellent))
        evaluations.conclude(actor=bureau_officer, evaluation=ev, outcome="retain")
        ev = to_scoring(bureau_officer, county_officer, applicant, round_.evaluations.get(center=failing),
                        ("0.2", "0.2", "0.2"))
        evaluations.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="完善开放共享制度",
                             deadline=datetime.date(2026, 5, 1))
    with time_machine.travel(start + datetime.timedelta(days=90), tick=True):
        page, charts = figures(client, bureau_officer)
        assert 'id="tile-evaluations-overdue"' in page
        grades = charts["grades-by-round"]
        assert grades["categories"] == ["2026年度"]
        assert {s["name"]: s["data"] for s in grades["series"]} == {"优秀": [1], "良好": [0], "合格": [0],
                                                                    "不合格": [1]}
        assert grades["series"][0]["links"] == [f"/evaluations/rounds/{round_.pk}/results/?grade=excellent"]
        tiles = _tiles(page)
        assert tiles["evaluations-overdue"] == "1" and tiles["rectifications-overdue"] == "1"
        cache.clear()
        county_tiles = _tiles(figures(client, county_officer)[0])
        # The pending materials belong to the other county's center.
        assert county_tiles["evaluations-overdue"] == "0" and county_tiles["rectifications-overdue"] == "1"
        # Each tile opens the list of what it counts, in the reader's scope.
        client.force_login(bureau_officer)
        late = client.get("/evaluations/overdue/").content.decode()
        assert "共 1 条" in late and "朔州" in late and "60 天" in late  # materials due 1 April, seen 31 May
        assert failing.official_name not in late and excellent.official_name not in late
        late = client.get("/evaluations/rectifications/overdue/").content.decode()
        assert "共 1 条" in late and failing.official_name in late and "30 天" in late
        client.force_login(county_officer)
        assert "共 0 条" in client.get("/evaluations/overdue/").content.decode()
        assert failing.official_name in client.get("/evaluations/rectifications/overdue/").content.decode()


def _tiles(page: str) -> dict:
    return dict(re.findall(r'id="tile-([a-z-]+)">\s*<div class="card-body">\s*<div[^>]*>[^<]*</div>\s*'
                           r'<div[^>]*>(\d+)</div>', page))


def test_median_days_from_submission_to_recognition(client, bureau_officer, organisation):
    # Recognised applications are written as the recognise step leaves them: submitted on one day, the center
    # recognised on a later one (the full review chain is covered in tests/applications).
    for submitted, recognized in [((2025, 1, 10), (2025, 3, 1)), ((2025, 2, 1), (2025, 6, 1)),
                                  ((2025, 5, 1), (2025, 12, 28))]:
        with time_machine.travel(datetime.datetime(*submitted, 10, tzinfo=timezone.get_current_timezone())):
            at = timezone.now()
        center = make_center(organisation, bureau=bureau_officer, recognized_on=datetime.date(*recognized))
        Application.objects.create(call=CallFactory(year=2025), year=2025, lead_unit=organisation,
                                   host_unit=organisation, state="recognized",
                                   submitted_at=at, center=center)
    page, _ = figures(client, bureau_officer)
    # 50, 120 and 241 days: the median is 120.
    assert 'id="median-days">120 天' in page


def test_figures_are_cached_for_a_minute_per_scope(client, bureau_officer, county_officer, centers,
                                                   organisation):
    figures(client, bureau_officer)
    make_center(organisation, field="储能", bureau=bureau_officer)
    _, cached = figures(client, bureau_officer)
    assert bars(cached["centers-by-status"])["运行中"][0] == 3
    _, county = figures(client, county_officer)  # another scope, computed afresh
    assert bars(county["centers-by-status"])["运行中"][0] == 3
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        _, fresh = figures(client, bureau_officer)
    assert bars(fresh["centers-by-status"])["运行中"][0] == 4


@pytest.mark.parametrize("size", [1, 6])
def test_dashboard_queries_do_not_grow_with_records(client, bureau_officer, organisation, other_organisation,
                                                    applicant, size, django_assert_max_num_queries):
    for i in range(size):
        make_center(organisation if i % 2 else other_organisation, bureau=bureau_officer)
        new_application(applicant, organisation)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(12):
        assert client.get("/dashboard/").status_code == 200


def test_bureau_workbench_shows_summary_tiles_linked_to_lists(client, bureau_officer, centers, applications):
    client.force_login(bureau_officer)
    page = client.get("/workbench/").content.decode()
    tiles = _tiles(page)
    assert tiles == {"applications-in-progress": "2", "centers-active": "3", "evaluations-overdue": "0",
                     "rectifications-overdue": "0", "objections-open": "0"}
    assert 'href="/centers/?status=active" id="tile-centers-active"' in page
    assert 'href="/notices/objections/?state=open" id="tile-objections-open"' in page
    assert page.index('id="dashboard-tiles"') < page.index('id="role-bureau_officer"')
    assert 'href="/dashboard/"' in page


def test_county_officer_workbench_has_no_tiles(client, county_officer):
    client.force_login(county_officer)
    assert 'id="dashboard-tiles"' not in client.get("/workbench/").content.decode()


def test_the_menu_links_the_dashboard_for_the_bureau_and_counties_only(client, bureau_officer, applicant):
    client.force_login(bureau_officer)
    assert 'href="/dashboard/">统计分析' in client.get("/workbench/").content.decode()
    client.force_login(applicant)
    assert 'href="/dashboard/">统计分析' not in client.get("/workbench/").content.decode()
