"""Benchmark cases. Each returns (name, callable, repeat, note) or None when its feature is absent."""

from __future__ import annotations


def audit_record(data, client):
    from ticms.audit.services import record

    user = data["users"]["bureau_officer"]
    return ("audit.record: append one event", lambda: record("bench.one", actor=user, data={"x": 1}), 200,
            "hash chain head locked per event")


def audit_verify(data, client):
    from ticms.audit.services import verify

    return ("audit.verify: whole chain", lambda: verify(), 5, "recomputes every SM3 link")


def scoped_center_page(data, client):
    from ticms.centers.models import Center

    user = data["users"]["county_officer"]

    def page():
        list(Center.objects.visible_to(user).select_related("host_unit__competent_unit")[:50])

    return ("centers visible_to(county officer), first 50", page, 50, "one query")


def _page(client, user, url_name, label, note, **kwargs):
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(url_name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None
    if user is not None:
        client.force_login(user)
    else:
        client.logout()

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return (label, get, 30, note)


def application_list_county(data, client):
    return _page(client, data["users"]["county_officer"], "application_list",
                 "GET /applications/ as county officer", "scoped to one county, paginated")


def application_list_bureau(data, client):
    return _page(client, data["users"]["bureau_officer"], "application_list",
                 "GET /applications/ as bureau officer", "all applications, paginated")


def application_api_bureau(data, client):
    from ticms.applications.models import Application  # noqa: F401  (feature present)

    user = data["users"]["bureau_officer"]

    def get():
        client.force_login(user)
        response = client.get("/api/v1/applications?limit=50")
        assert response.status_code == 200

    return ("GET /api/v1/applications?limit=50 as bureau officer", get, 30, "JSON list")


def workbench_bureau(data, client):
    return _page(client, data["users"]["bureau_officer"], "workbench",
                 "GET /workbench/ as bureau officer", "every provider's to-dos")


def directory(data, client):
    return _page(client, None, "centers:directory", "GET /centers/ (public directory)", "anonymous, paginated")


CASES = [audit_record, audit_verify, scoped_center_page, directory, application_list_county,
         application_list_bureau, application_api_bureau, workbench_bureau]
