"""The centers due this year, on /evaluations/ and the bureau's workbench, at a size where they are many."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ticms.evaluations.schedule import due_centers

from .factories import make_center, open_round

pytestmark = pytest.mark.django_db
D = datetime.date


def _due(bureau, organisation, year, n, start=0):
    return [make_center(bureau, organisation, recognized_on=D(year - 3, 1 + (i % 12), 1 + (i % 28)),
                        name=f"朔州市到期{i:03d}技术创新中心") for i in range(start, start + n)]


def _rows(page: str) -> int:
    table = page.split('id="due-centers"', 1)[1].split("</table>", 1)[0]
    return len(re.findall(r"<tr><td>", table))


def test_evaluations_page_lists_due_centers_25_a_page_with_the_total(client, bureau_officer, organisation,
                                                                     frozen_today):
    _due(bureau_officer, organisation, frozen_today.year, 30)
    client.force_login(bureau_officer)
    first = client.get(reverse("evaluations:round_list")).content.decode()
    assert "年度到期应评估的中心（30）" in first
    assert _rows(first) == 25
    second = client.get(reverse("evaluations:round_list") + "?page=2").content.decode()
    assert _rows(second) == 5


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_due_lists_cost_the_same_queries_for_5_and_50_due_centers(client, bureau_officer, organisation,
                                                                  frozen_today, django_assert_max_num_queries):
    _due(bureau_officer, organisation, frozen_today.year, 5)
    client.force_login(bureau_officer)
    few = {url: _queries(client, url) for url in (reverse("workbench"), reverse("evaluations:round_list"))}
    _due(bureau_officer, organisation, frozen_today.year, 45, start=5)
    for url, n in few.items():
        with django_assert_max_num_queries(n):
            client.get(url)
    page = client.get(reverse("workbench")).content.decode()
    assert "本年度到期待评估的中心" in page and "50" in page


def test_workbench_leaves_out_centers_already_in_this_years_round(client, bureau_officer, organisation,
                                                                  frozen_today):
    covered = _due(bureau_officer, organisation, frozen_today.year, 2)
    open_round(bureau_officer, center_ids=[c.pk for c in covered])
    late = make_center(bureau_officer, organisation, recognized_on=D(frozen_today.year - 3, 12, 30),
                       name="朔州市后加技术创新中心")
    client.force_login(bureau_officer)
    page = client.get(reverse("workbench")).content.decode()
    assert late.official_name in page
    assert all(c.official_name not in page for c in covered)


def test_due_dates_in_date_order_with_29_february_on_the_28th(bureau_officer, organisation):
    leap = make_center(bureau_officer, organisation, recognized_on=D(2024, 2, 29), name="朔州市A技术创新中心")
    feb28 = make_center(bureau_officer, organisation, recognized_on=D(2024, 2, 28), name="朔州市B技术创新中心")
    march = make_center(bureau_officer, organisation, recognized_on=D(2024, 3, 1), name="朔州市C技术创新中心")
    jan = make_center(bureau_officer, organisation, recognized_on=D(2027, 1, 5), name="朔州市D技术创新中心")
    assert due_centers(2027) == [(leap, D(2027, 2, 28)), (feb28, D(2027, 2, 28)), (march, D(2027, 3, 1))]
    assert due_centers(2030) == [(jan, D(2030, 1, 5)), (leap, D(2030, 2, 28)),
                                 (feb28, D(2030, 2, 28)), (march, D(2030, 3, 1))]
