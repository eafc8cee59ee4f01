"""The applications list (issue 13): filters, sorting, page size, invalid filters, the filtered export, query
counts, and the county officer's batch recommendation."""

import io
import re

import pytest
from openpyxl import load_workbook

from ticms.applications.models import Application

from .factories import CallFactory, new_application, submitted_application

pytestmark = pytest.mark.django_db


def total(html: str) -> int:
    return int(re.search(r'id="list-total">共 (\d+) 条', html).group(1))


def numbers(html: str) -> list[str]:
    return re.findall(r'<td class="text-nowrap">(SZCX-\d{4}-\d{4})</td>', html)


@pytest.fixture
def spread(applicant, organisation, other_applicant, other_organisation):
    """Two 2025 and one 2026 application in 朔城区, one 2026 in 平鲁区."""
    call25, call26 = CallFactory(year=2025), CallFactory(year=2026)
    a = new_application(applicant, organisation, call=call25, name="储能甲", field="储能")
    b = new_application(applicant, organisation, call=CallFactory(year=2025), name="新能源乙", field="新能源")
    c = new_application(applicant, organisation, call=call26, name="半导体丙", field="半导体")
    d = new_application(other_applicant, other_organisation, call=call26, name="储能丁", field="储能")
    return a, b, c, d


def test_bureau_filters_by_year_county_field_and_keyword(client, bureau_officer, spread, county):
    a, b, c, d = spread
    client.force_login(bureau_officer)
    assert total(client.get("/applications/").content.decode()) == 4
    assert total(client.get("/applications/?year=2025").content.decode()) == 2
    html = client.get(f"/applications/?county={county.pk}&year=2026").content.decode()
    assert total(html) == 1 and numbers(html) == [c.number]
    assert total(client.get("/applications/?field=储能").content.decode()) == 2
    assert numbers(client.get("/applications/?q=丁").content.decode()) == [d.number]
    assert numbers(client.get(f"/applications/?q={a.number}").content.decode()) == [a.number]


def test_sorting_by_a_whitelisted_column_and_ignoring_any_other(client, bureau_officer, spread):
    a, b, c, d = spread
    client.force_login(bureau_officer)
    html = client.get("/applications/?sort=number").content.decode()
    assert numbers(html) == sorted([a.number, b.number, c.number, d.number])
    assert 'aria-sort="ascending"' in html and "?sort=-number" in html
    assert numbers(client.get("/applications/?sort=-number").content.decode()) == sorted(
        [a.number, b.number, c.number, d.number], reverse=True
    )
    # Not a column: the default order (last change first), no error.
    response = client.get("/applications/?sort=password")
    assert response.status_code == 200 and numbers(response.content.decode())[0] == d.number


def test_page_size_and_page_jump_keep_the_filters(client, bureau_officer, spread):
    client.force_login(bureau_officer)
    html = client.get("/applications/?year=2025&per=10").content.decode()
    assert '<option value="10" selected>' in html
    html = client.get("/applications/?per=10").content.decode()
    assert total(html) == 4 and "跳至第" not in html  # one page: no jump
    html = client.get("/applications/?year=2025&per=999").content.decode()
    assert '<option value="25" selected>' in html  # not a choice: the default size


def test_page_jump_goes_to_the_page_with_the_filters_kept(client, bureau_officer, applicant, organisation):
    call = CallFactory(year=2026)
    for i in range(12):
        Application.objects.create(
            call=call, year=2026, lead_unit=organisation, host_unit=organisation, name=f"中心{i}"
        )
    client.force_login(bureau_officer)
    html = client.get("/applications/?year=2026&per=10").content.decode()
    assert total(html) == 12 and "第 1 页，共 2 页" in html
    assert '<input type="hidden" name="year" value="2026">' in html and 'name="page" min="1" max="2"' in html
    html = client.get("/applications/?year=2026&per=10&page=2").content.decode()
    assert len(numbers(html)) == 2


def test_an_invalid_filter_is_reported_in_chinese_and_the_others_still_apply(client, bureau_officer, spread, county):
    client.force_login(bureau_officer)
    response = client.get(f"/applications/?year=abc&county={county.pk}&state=bogus")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_year_error"' in html and "请输入数字" in html
    assert 'aria-describedby="id_year_error"' in html  # the box names the message a screen reader reads with it
    assert 'id="id_state_error"' in html and "所选项无效" in html
    assert total(html) == 3  # the county filter still applies


def test_export_downloads_exactly_the_filtered_rows(client, bureau_officer, spread):
    a, b, c, d = spread
    client.force_login(bureau_officer)
    html = client.get("/applications/?year=2025&sort=number").content.decode()
    assert 'href="/applications/?year=2025&amp;sort=number&amp;format=xlsx"' in html
    response = client.get("/applications/?year=2025&sort=number&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert [r[header.index("申报编号")] for r in rows[1:]] == sorted([a.number, b.number])


def test_county_officer_sees_only_their_county_even_when_filtering_another(
    client, county_officer, spread, other_county
):
    client.force_login(county_officer)
    assert total(client.get("/applications/").content.decode()) == 3
    assert total(client.get(f"/applications/?county={other_county.pk}").content.decode()) == 0


@pytest.mark.parametrize("rows", [5, 50])
def test_list_queries_do_not_grow_with_rows(client, bureau_officer, organisation, rows, django_assert_max_num_queries):
    call = CallFactory(year=2026)
    for i in range(rows):
        Application.objects.create(
            call=call, year=2026, lead_unit=organisation, host_unit=organisation, name=f"中心{i}", field="储能"
        )
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(12):
        html = client.get("/applications/?per=100&field=储能&sort=number").content.decode()
    assert total(html) == rows


# --- batch steps ----------------------------------------------------------------------------------
def test_county_officer_recommends_several_at_once_and_sees_the_refused_one_with_its_reason(
    client, applicant, organisation, county_officer
):
    ok1 = submitted_application(applicant, organisation)
    ok2 = submitted_application(applicant, organisation, name="第二个")
    draft = new_application(applicant, organisation, name="草稿")
    client.force_login(county_officer)
    html = client.get("/applications/").content.decode()
    assert 'id="batch-actions"' in html and 'value="county_recommend"' in html
    response = client.post(
        "/applications/batch/",
        {
            "ids": [ok1.pk, draft.pk, ok2.pk],
            "step": "county_recommend",
            "comment": "材料齐全，同意推荐。",
            "next": "/applications/?state=submitted",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "共 3 件：已办理 2 件，未办理 1 件" in html
    refused = html[html.index('id="batch-refused"') :]
    assert draft.number in refused and ok1.number not in refused
    ok1.refresh_from_db(), ok2.refresh_from_db(), draft.refresh_from_db()
    assert (ok1.state, ok2.state, draft.state) == ("recommended", "recommended", "draft")
    from ticms.audit.models import Event

    comments = Event.objects.filter(action="application.county_recommend").values_list("data__comment", flat=True)
    assert list(comments) == ["材料齐全，同意推荐。"] * 2
    assert 'href="/applications/?state=submitted"' in html


def test_batch_refuses_an_application_outside_the_officers_county(
    client, county_officer, other_applicant, other_organisation
):
    theirs = submitted_application(other_applicant, other_organisation)
    client.force_login(county_officer)
    html = client.post("/applications/batch/", {"ids": [theirs.pk], "step": "county_recommend"}).content.decode()
    assert "不存在或无权查看" in html
    theirs.refresh_from_db()
    assert theirs.state == "submitted"


def test_applicant_has_no_batch_and_cannot_post_one(client, applicant, organisation):
    app = submitted_application(applicant, organisation)
    client.force_login(applicant)
    assert 'id="batch-actions"' not in client.get("/applications/").content.decode()
    response = client.post("/applications/batch/", {"ids": [app.pk], "step": "county_recommend"})
    assert response.status_code == 403


def test_batch_with_nothing_selected_says_so(client, county_officer):
    client.force_login(county_officer)
    response = client.post("/applications/batch/", {"step": "county_recommend"}, follow=True)
    assert "请先勾选要办理的申请书" in response.content.decode()


def test_bureau_passes_several_rechecks_into_expert_review_at_once(
    client, applicant, organisation, county_officer, bureau_officer
):
    from .factories import recommended_application

    apps = [recommended_application(applicant, organisation, county_officer) for _ in range(2)]
    client.force_login(bureau_officer)
    assert 'value="recheck_pass"' in client.get("/applications/?state=recommended").content.decode()
    html = client.post(
        "/applications/batch/", {"ids": [a.pk for a in apps], "step": "recheck_pass", "comment": "复核通过。"}
    ).content.decode()
    assert "已办理 2 件，未办理 0 件" in html
    assert set(Application.objects.filter(pk__in=[a.pk for a in apps]).values_list("state", flat=True)) == {
        "expert_review"
    }
