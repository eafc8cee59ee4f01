"""A list's total is counted once until anything is written (ticms.totals): paging and re-sorting read it from the
cache, a step by anyone shows at once, another scope never reads it, and what no event records shows within the
minute."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ticms import totals
from ticms.applications.models import Application

from ..applications.factories import CallFactory, new_application

pytestmark = pytest.mark.django_db


def total(html: str) -> int:
    return int(re.search(r'id="list-total">共 (\d+) 条', html).group(1))


def counts_run(client, path: str) -> tuple[int, int]:
    """The total the page shows and how many times it counted applications (the unread messages are counted too)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return total(response.content.decode()), sum(counted(q["sql"]) for q in queries.captured_queries)


def counted(sql: str) -> bool:
    return "COUNT(" in sql and '"applications_application"' in sql


@pytest.fixture
def two_counties(applicant, organisation, other_applicant, other_organisation):
    call = CallFactory()
    mine = [new_application(applicant, organisation, call=CallFactory()) for _ in range(3)]
    theirs = [new_application(other_applicant, other_organisation, call=call)]
    return mine, theirs


def test_paging_and_sorting_count_once(client, county_officer, two_counties):
    client.force_login(county_officer)
    assert counts_run(client, "/applications/") == (3, 1)
    assert counts_run(client, "/applications/?sort=number") == (3, 0)
    assert counts_run(client, "/applications/?per=10&page=1") == (3, 0)
    # Another filter is another query: counted once too.
    assert counts_run(client, "/applications/?state=submitted") == (0, 1)


def test_a_step_by_anyone_shows_at_once(client, county_officer, applicant, organisation, two_counties):
    client.force_login(county_officer)
    assert counts_run(client, "/applications/")[0] == 3
    new_application(applicant, organisation, call=CallFactory())  # the applicant's own session, elsewhere
    assert counts_run(client, "/applications/") == (4, 1)


def test_each_scope_reads_its_own_total(client, county_officer, other_county_officer, bureau_officer, two_counties):
    client.force_login(county_officer)
    assert counts_run(client, "/applications/")[0] == 3
    client.force_login(other_county_officer)
    assert counts_run(client, "/applications/") == (1, 1)
    client.force_login(bureau_officer)
    assert counts_run(client, "/applications/") == (4, 1)


def test_a_write_without_an_event_shows_within_the_minute(client, county_officer, two_counties):
    client.force_login(county_officer)
    assert counts_run(client, "/applications/")[0] == 3
    # Not through a service, so no audit event: what the cache key cannot see.
    Application.objects.filter(pk=two_counties[1][0].pk).update(lead_unit=two_counties[0][0].lead_unit)
    now = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(now + datetime.timedelta(seconds=totals.SECONDS + 1)):
        assert counts_run(client, "/applications/") == (4, 1)


def test_the_api_total_follows_the_same_rule(client, bureau_officer, applicant, organisation, two_counties):
    client.force_login(bureau_officer)
    first = client.get("/api/v1/applications?limit=2")
    assert first.json()["count"] == 4
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/applications?limit=2&offset=2")
    assert again.json()["count"] == 4 and not any(counted(q["sql"]) for q in queries.captured_queries)
    new_application(applicant, organisation, call=CallFactory())
    assert client.get("/api/v1/applications?limit=2").json()["count"] == 5
    assert client.get("/api/v1/centers?limit=1")["X-Total-Count"] == "0"
