"""The registry's lists across centers (issue 13): filings, change requests, support records and outputs —
scoped like their records, filtered, sorted, exported as the filtered rows, flat in queries at 5 and 50 rows."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ticms.centers.models import ChangeRequest, Filing, Output, Support

pytestmark = pytest.mark.django_db


def total(html: str) -> int:
    return int(re.search(r'id="list-total">共 (\d+) 条', html).group(1))


def make_rows(kind: str, center, user, n: int, *, year: int = 2025) -> None:
    now = timezone.now()
    if kind == "filings":
        Filing.objects.bulk_create(
            [
                Filing(
                    center=center,
                    kind="director",
                    person_name=f"张{i}",
                    person_title="正高级",
                    appointed_on=datetime.date(year, 1, 1),
                    submitted_by=user,
                    submitted_at=now,
                )
                for i in range(n)
            ]
        )
    elif kind == "changes":
        ChangeRequest.objects.bulk_create(
            [
                ChangeRequest(center=center, kind="rename", new_name=f"新名{i}", reasons="调整", created_by=user)
                for i in range(n)
            ]
        )
    elif kind == "supports":
        Support.objects.bulk_create(
            [
                Support(center=center, kind="commissioned_project", title=f"项目{i}", year=year, recorded_by=user)
                for i in range(n)
            ]
        )
    else:
        Output.objects.bulk_create(
            [Output(center=center, kind="standard", title=f"标准{i}", year=year, recorded_by=user) for i in range(n)]
        )


LISTS = ["filings", "changes", "supports", "outputs"]


@pytest.mark.parametrize("kind", LISTS)
@pytest.mark.parametrize("rows", [5, 50])
def test_list_queries_do_not_grow_with_rows(client, center, bureau_officer, kind, rows, django_assert_max_num_queries):
    make_rows(kind, center, bureau_officer, rows)
    client.force_login(bureau_officer)
    with django_assert_max_num_queries(9):
        html = client.get(f"/centers/{kind}/?per=100").content.decode()
    assert total(html) == rows


@pytest.mark.parametrize("kind", LISTS)
def test_county_officer_sees_only_their_countys_rows(
    client, center, other_center, bureau_officer, county_officer, kind
):
    make_rows(kind, center, bureau_officer, 2)
    make_rows(kind, other_center, bureau_officer, 3)
    client.force_login(county_officer)
    assert total(client.get(f"/centers/{kind}/").content.decode()) == 2
    client.force_login(bureau_officer)
    assert total(client.get(f"/centers/{kind}/").content.decode()) == 5


def test_support_list_filters_by_year_and_exports_those_rows(client, center, other_center, bureau_officer):
    make_rows("supports", center, bureau_officer, 2, year=2025)
    make_rows("supports", other_center, bureau_officer, 3, year=2026)
    client.force_login(bureau_officer)
    assert total(client.get("/centers/supports/?year=2026").content.decode()) == 3
    assert total(client.get("/centers/supports/?q=储能").content.decode()) == 2
    response = client.get("/centers/supports/?year=2026&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert sheet.max_row == 1 + 3


def test_output_list_sorts_by_year_both_ways(client, center, bureau_officer):
    make_rows("outputs", center, bureau_officer, 1, year=2023)
    make_rows("outputs", center, bureau_officer, 1, year=2025)
    client.force_login(bureau_officer)
    html = client.get("/centers/outputs/?sort=year").content.decode()
    assert html.index("<td>2023</td>") < html.index("<td>2025</td>")
    html = client.get("/centers/outputs/?sort=-year").content.decode()
    assert html.index("<td>2025</td>") < html.index("<td>2023</td>")


def test_an_invalid_year_is_shown_beside_its_field_and_the_state_filter_still_applies(client, center, bureau_officer):
    make_rows("filings", center, bureau_officer, 2)
    Filing.objects.filter(pk=Filing.objects.first().pk).update(state="acknowledged")
    client.force_login(bureau_officer)
    html = client.get("/centers/filings/?year=1800&state=acknowledged").content.decode()
    assert 'id="id_year_error"' in html and "2000" in html
    assert total(html) == 1
    assert 'is-invalid' in html
    # The filter form's class is built once per process: the next request's form has no error and no red field.
    html = client.get("/centers/filings/?year=2025").content.decode()
    assert 'id="id_year_error"' not in html and "is-invalid" not in html


def test_applicant_sees_their_own_centers_filings_only(client, center, other_center, applicant, bureau_officer):
    make_rows("filings", center, bureau_officer, 1)
    make_rows("filings", other_center, bureau_officer, 4)
    client.force_login(applicant)
    assert total(client.get("/centers/filings/").content.decode()) == 1


def test_anonymous_is_sent_to_sign_in(client):
    for kind in LISTS:
        assert client.get(f"/centers/{kind}/").status_code == 302
