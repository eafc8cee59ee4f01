import csv
import io

import pytest
from django.urls import reverse

from ticms.audit import services as audit
from ticms.audit.models import Event


@pytest.fixture
def events(bureau_officer, applicant):
    audit.record(
        "application.submit",
        actor=applicant,
        role="applicant",
        obj=("applications.application", "7"),
        data={"from": "draft", "to": "submitted", "comment": "请审核"},
    )
    audit.record("notice.publish", actor=bureau_officer, role="bureau_officer", obj=("notices.publicnotice", "3"))
    return Event.objects.order_by("seq")


def test_audit_log_is_shown_to_the_audit_admin_newest_first(client, audit_admin, events):
    client.force_login(audit_admin)
    response = client.get(reverse("audit_log"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("notice.publish") < page.index("application.submit")
    assert "校验审计链" in page


@pytest.mark.parametrize("fixture", ["bureau_officer", "applicant", "system_admin", "security_admin"])
def test_audit_log_is_forbidden_to_other_roles(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("audit_log")).status_code == 403
    assert client.get(reverse("audit_export")).status_code == 403
    assert client.post(reverse("audit_verify")).status_code == 403


def test_audit_log_requires_sign_in(client, db):
    response = client.get(reverse("audit_log"))
    assert response.status_code == 302


def test_audit_log_filters_by_action_actor_and_object(client, audit_admin, applicant, events):
    client.force_login(audit_admin)
    url = reverse("audit_log")
    assert "notice.publish" not in client.get(url, {"action": "application"}).content.decode()
    page = client.get(url, {"actor": applicant.username}).content.decode()
    assert "application.submit" in page and "notice.publish" not in page
    page = client.get(url, {"object": "notices.publicnotice:3"}).content.decode()
    assert "notice.publish" in page and "application.submit" not in page
    page = client.get(url, {"date_from": "2000-01-01", "date_to": "2000-01-02"}).content.decode()
    assert "没有符合条件的事件" in page


def test_audit_csv_export_has_the_filtered_events(client, audit_admin, events):
    client.force_login(audit_admin)
    response = client.get(reverse("audit_export"), {"action": "application.submit"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:5] == ["seq", "at", "actor", "role", "action"]
    assert [r[4] for r in rows[1:]] == ["application.submit"]
    assert "请审核" in rows[1][8]


def test_verify_button_reports_an_intact_chain(client, audit_admin, events):
    client.force_login(audit_admin)
    response = client.post(reverse("audit_verify"), follow=True)
    assert "审计链完整" in response.content.decode()
    assert Event.objects.filter(action="audit.verify").exists()


def test_audit_log_is_paginated(client, audit_admin):
    for i in range(55):
        audit.record("test.event", data={"i": i})
    client.force_login(audit_admin)
    page = client.get(reverse("audit_log")).content.decode()
    assert "第 1 页，共 2 页" in page
    assert "page=2" in page
