"""GET /api/v1/audit/events: a log collector pulls the whole sealed audit log once, in chain order, resuming after
the last chain position it holds; audit administrators only."""

import pytest

from ticms.audit import services as audit
from ticms.audit.models import Event
from ticms.audit.sealing import seal

pytestmark = pytest.mark.django_db

URL = "/api/v1/audit/events"


def write(n: int, action: str = "test.event"):
    for i in range(n):
        audit.record(action, role="system", obj=("tests.thing", str(i)), data={"i": i})
    seal()


def next_link(response) -> str | None:
    for part in response["Link"].split(", "):
        url, rel = part.split("; ")
        if rel == 'rel="next"':
            return url.strip("<>")
    return None


def test_a_collector_pages_through_every_event_once_in_order(client, audit_admin):
    write(12)
    client.force_login(audit_admin)
    seen, url = [], f"{URL}?limit=5"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += response.json()
        url = next_link(response)
    sealed = Event.objects.filter(hash__isnull=False).order_by("chain_no")
    assert [e["chain_no"] for e in seen] == list(sealed.values_list("chain_no", flat=True)) == list(range(1, 13))
    last = seen[-1]
    assert last["hash"] and last["prev_hash"] == seen[-2]["hash"] and last["data"] == {"i": 11}


def test_resuming_after_the_last_event_gives_only_newer_ones(client, audit_admin):
    client.force_login(audit_admin)  # its sign-in event is sealed with the first three
    write(3)
    last = client.get(URL).json()[-1]["chain_no"]
    write(2, action="test.later")
    newer = client.get(f"{URL}?after={last}").json()
    assert [e["action"] for e in newer] == ["test.later", "test.later"]
    assert client.get(f"{URL}?after={newer[-1]['chain_no']}").json() == []


def test_the_page_filters_apply(client, audit_admin):
    write(3)
    write(2, action="notice.publish")
    client.force_login(audit_admin)
    assert {e["action"] for e in client.get(f"{URL}?action=notice").json()} == {"notice.publish"}
    bad = client.get(f"{URL}?date_from=yesterday")
    assert bad.status_code == 422 and bad.json()["error"] == "invalid_filter" and "date_from" in bad.json()["detail"]


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "after=-1", "after=x"])
def test_bounds_are_refused(client, audit_admin, query):
    client.force_login(audit_admin)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 422 and "error" in response.json()


@pytest.mark.parametrize("role", ["bureau_officer", "system_admin", "security_admin", "applicant"])
def test_other_roles_are_refused(client, request, role):
    write(1)
    client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    assert response.status_code == 403 and "审计管理员" in response.json()["detail"]


def test_anonymous_is_told_to_sign_in(client):
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize("size", [5, 50])
def test_queries_do_not_grow_with_the_page(client, audit_admin, size, django_assert_max_num_queries):
    write(size)
    client.force_login(audit_admin)
    with django_assert_max_num_queries(6):
        assert len(client.get(f"{URL}?limit={size}").json()) == size
