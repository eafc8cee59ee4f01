"""What a list page asks the database: the county filter's choices from cached rows (accounts.units), no query
per page for a table that changes once in years, yet a unit added or renamed shows at once; and the total counted
without the joins of the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ticms.accounts.models import CompetentUnit

pytestmark = pytest.mark.django_db


def county_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "accounts_competentunit" in q["sql"]
            and "FROM \"accounts_competentunit\"" in q["sql"] and "JOIN" not in q["sql"]]


def test_the_filter_is_drawn_from_the_cache_after_the_first_page(client, bureau_officer, county):
    client.force_login(bureau_officer)
    county_queries(client, "/centers/manage/")
    assert county_queries(client, "/centers/manage/") == []
    assert county_queries(client, "/applications/") == []
    assert f'<option value="{county.pk}">{county.name}</option>' in client.get("/applications/").content.decode()


def test_a_new_or_renamed_unit_shows_on_the_next_page(client, bureau_officer, county):
    client.force_login(bureau_officer)
    client.get("/centers/manage/")
    added = CompetentUnit.objects.create(name="新设区", division_code="140699", kind="county")
    county.name = "朔城区（更名）"
    county.save()
    html = client.get("/centers/manage/").content.decode()
    assert f'<option value="{added.pk}">新设区</option>' in html
    assert "朔城区（更名）" in html


def test_an_unknown_county_is_still_refused_in_chinese(client, bureau_officer, county):
    client.force_login(bureau_officer)
    html = client.get("/applications/?county=999999").content.decode()
    assert 'id="id_county_error"' in html


def test_a_lists_total_is_counted_without_the_joins_its_rows_read(client, bureau_officer, county):
    """The rows read their units' names in the page's query (Listing.rows_only); the count must not join them:
    at 50,000 applications that join made the count four times dearer than the page."""
    client.force_login(bureau_officer)
    for path, table in (("/applications/", "applications_application"), ("/centers/manage/", "centers_center"),
                        ("/reviews/panels/", "reviews_panel")):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")
                  and f'FROM "{table}"' in q["sql"]]
        assert counts and all("JOIN" not in sql for sql in counts), counts


@pytest.mark.parametrize("who", ["county_officer", "applicant"])
def test_the_roles_and_the_units_of_a_request_are_read_once(request, client, who):
    """The roles (menu, rights) and the units the lists are scoped by come from one reading of the memberships."""
    client.force_login(request.getfixturevalue(who))
    client.get("/applications/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/applications/").status_code == 200
    assert sum('FROM "accounts_membership"' in q["sql"] for q in queries.captured_queries) == 1
