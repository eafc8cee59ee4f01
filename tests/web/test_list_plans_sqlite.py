"""On SQLite, a county officer's lists walk their order index and stop after a page, told by the scope that a
county's condition holds for many rows (accounts.scope.CommonIn, `likely()`), instead of reading every record of
the county and sorting them (38 ms for the largest county at the province's size, 0.5 ms with the hint).

The test tables are tiny; SQLite's planner is given the statistics of the province's tables (sqlite_stat1 as
ANALYZE writes it for 50,000 applications, 5,000 organisations in six counties), which is what it plans with.
"""

import pytest
from django.db import connection

from ticms.applications.models import Application
from ticms.applications.selectors import applications_visible_to

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner"),
]

PROVINCE_STATS = [
    ("applications_application", "application_updated_idx", "50000 1 1"),
    ("applications_application", "applications_application_lead_unit_id_ca681975", "50000 10"),
    ("applications_application", "applications_application_host_unit_id_f9a73125", "50000 10"),
    ("accounts_organisation", "accounts_organisation_competent_unit_id_c4125c0f", "5000 834"),
    ("accounts_organisation", "sqlite_autoindex_accounts_organisation_1", "5000 1"),
]


def _with_province_stats() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for table, index, stat in PROVINCE_STATS:
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s AND idx = %s", [table, index])
            cursor.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)", [table, index, stat])
        cursor.execute("ANALYZE sqlite_schema")  # reload the statistics


def _plan(qs) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def test_a_county_officers_applications_page_walks_the_order_index(county_officer, county):
    _with_province_stats()
    ours = _plan(applications_visible_to(county_officer).order_by("-updated_at", "-pk")[:50])
    assert "application_updated_idx" in ours and "TEMP B-TREE" not in ours, ours
    # The same filter without the hint, on the same statistics: the county's records read and sorted.
    plain = _plan(Application.objects.filter(lead_unit__competent_unit__in=[county.pk])
                  .order_by("-updated_at", "-pk")[:50])
    assert "TEMP B-TREE" in plain, plain
