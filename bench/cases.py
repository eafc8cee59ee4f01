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


def public_directory(data, client):
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("center_directory")
    except NoReverseMatch:
        return None

    def get():
        response = client.get(url)
        assert response.status_code == 200

    return ("GET public center directory page", get, 30, "rendered HTML, paginated")


CASES = [audit_record, audit_verify, scoped_center_page, public_directory]
