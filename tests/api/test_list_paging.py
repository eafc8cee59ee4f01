"""Every list API answers one bounded page, says the total, and costs the same queries for 5 rows as for 50.

The rows come from the benchmark's generator at a tiny scale (applications in every state, panels with
opinions, published notices with objections), so the guards behind each row's transitions have real facts."""

import pytest
from bench.generate import generate
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

# (path, who, key of the rows when the answer is an object)
LISTS = [
    ("/api/v1/applications", "bureau_officer", "items"),
    ("/api/v1/applications", "county_officer", "items"),
    ("/api/v1/applications", "applicant", "items"),
    ("/api/v1/centers", "bureau_officer", None),
    ("/api/v1/centers/public", None, None),
    ("/api/v1/experts", "bureau_officer", None),
    ("/api/v1/objections", "bureau_officer", None),
    ("/api/v1/notices", None, None),
    ("/api/v1/calls", None, None),
    ("/api/v1/evaluation-rounds", "bureau_officer", None),
    ("/api/v1/change-requests", "bureau_officer", None),
    ("/api/v1/filings", "bureau_officer", None),
    ("/api/v1/supports", "bureau_officer", None),
    ("/api/v1/documents", "bureau_officer", None),
]


@pytest.fixture
def users():
    return generate(0.002)["users"]


def _get(client, users, who, path, **params):
    client.logout()
    if who:
        client.force_login(users[who])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params)
    assert response.status_code == 200, (path, who, response.content[:300])
    return response, len(ctx.captured_queries)


def _rows(response, key):
    body = response.json()
    return body[key] if key else body


# Queries a page adds only when one of its rows needs them: an application's latest panel (the panels, their
# experts' opinions) and its notice are read for the rows whose state has a step guarded by them
# (applications.selectors.prefetch_guard_facts), each once for the whole page.
ROW_FACT_QUERIES = {"/api/v1/applications": 3}


def test_list_apis_page_with_a_total_and_constant_queries(client, users):
    for path, who, key in LISTS:
        one, q1 = _get(client, users, who, path, limit=5)
        many, q50 = _get(client, users, who, path, limit=50)
        total = int(many["X-Total-Count"])
        assert len(_rows(one, key)) == min(5, total), path
        assert len(_rows(many, key)) == min(50, total), path
        assert q50 <= q1 + ROW_FACT_QUERIES.get(path, 0), (path, who, q1, q50)
        if total > 5:
            assert 'rel="next"' in one["Link"] and "offset=5" in one["Link"], path
            second, _ = _get(client, users, who, path, limit=5, offset=5)
            assert _rows(second, key) == _rows(many, key)[5:10], path
            assert 'rel="prev"' in second["Link"], path


def test_busy_lists_really_hold_more_than_a_page_of_one(client, users):
    for path, who in [("/api/v1/applications", "bureau_officer"), ("/api/v1/centers", "bureau_officer"),
                      ("/api/v1/centers/public", None), ("/api/v1/experts", "bureau_officer"),
                      ("/api/v1/objections", "bureau_officer"), ("/api/v1/notices", None)]:
        response, _ = _get(client, users, who, path, limit=50)
        assert int(response["X-Total-Count"]) >= 3, path


def test_the_default_page_is_50_rows_and_bounds_are_refused(client, users):
    response, _ = _get(client, users, "bureau_officer", "/api/v1/applications")
    body = response.json()
    assert body["limit"] == 50 and len(body["items"]) == 50 and body["count"] == int(response["X-Total-Count"])
    client.force_login(users["bureau_officer"])
    for params in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"limit": "x"}):
        for path in ("/api/v1/applications", "/api/v1/centers", "/api/v1/experts"):
            refused = client.get(path, params)
            assert refused.status_code == 422, (path, params)
            assert refused.json()["error"] == "validation_error"


def test_application_api_pages_in_the_order_of_the_page_list(client, users):
    response, _ = _get(client, users, "bureau_officer", "/api/v1/applications", limit=200)
    stamps = [(a["updated_at"], a["id"]) for a in response.json()["items"]]
    assert stamps == sorted(stamps, reverse=True)


def test_each_listed_applications_steps_are_those_of_its_own_page(client, users):
    """The list reads the guards' facts for a whole page at once, and only for rows whose state has a guarded step;
    what it offers must still be, row by row, what the application's own answer offers (read one by one)."""
    client.force_login(users["bureau_officer"])
    items = client.get("/api/v1/applications", {"limit": 200}).json()["items"]
    states = {item["state"] for item in items}
    assert {"expert_review", "publicized", "recognized"} <= states  # guarded and unguarded states both listed
    for item in items:
        own = client.get(f"/api/v1/applications/{item['id']}").json()["available_transitions"]
        assert item["available_transitions"] == own, item["state"]
