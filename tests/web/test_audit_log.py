import csv
import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import user_with_role
from ticms.accounts.roles import Role
from ticms.audit import services as audit
from ticms.audit.chain import sm3_hex
from ticms.audit.models import AuditExport, Event
from ticms.web.audit_exports import write_export


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
    assert client.get(reverse("audit_exports")).status_code == 403
    assert client.post(reverse("audit_exports")).status_code == 403
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


# Committed for real: the export is queued once the request commits, and the worker opens its own connection.
@pytest.mark.django_db(transaction=True)
def test_audit_csv_export_is_written_by_the_worker_with_the_filtered_events(client, audit_admin, events):
    client.force_login(audit_admin)
    response = client.post(reverse("audit_exports"), {"action": "application.submit"}, follow=True)
    page = response.content.decode()
    assert "已提交导出" in page and "排队中" in page and "操作：application.submit" in page
    export = AuditExport.objects.get()
    assert export.status == "pending" and not export.file  # the web request wrote nothing
    assert Event.objects.filter(action="audit.export", data__export=export.pk).exists()

    call_command("worker", "--batch", verbosity=0)  # the database queue, as `ticms worker` works it

    export.refresh_from_db()
    assert export.status == "done" and export.rows == 1
    page = client.get(reverse("audit_exports")).content.decode()
    assert "已完成" in page and export.sm3 in page
    response = client.get(reverse("audit_export_download", args=[export.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content)
    assert sm3_hex(content) == export.sm3 and len(content) == export.size
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["seq", "at", "actor", "role", "action"]
    assert [r[4] for r in rows[1:]] == ["application.submit"]
    assert "请审核" in rows[1][8]
    assert Event.objects.filter(action="audit.export_download", data__export=export.pk).exists()


def test_an_export_is_downloaded_only_by_the_audit_admin_who_asked_for_it(client, audit_admin, events):
    other = user_with_role(Role.AUDIT_ADMIN)
    export = AuditExport.objects.create(requested_by=other)
    write_export(export.pk)
    client.force_login(audit_admin)
    assert client.get(reverse("audit_export_download", args=[export.pk])).status_code == 404
    assert "还没有导出记录" in client.get(reverse("audit_exports")).content.decode()
    client.force_login(other)
    assert client.get(reverse("audit_export_download", args=[export.pk])).status_code == 200


def test_the_old_csv_address_leads_to_the_export_records(client, audit_admin):
    client.force_login(audit_admin)
    assert client.get(reverse("audit_export")).url == reverse("audit_exports")


def test_verify_button_reports_an_intact_chain(client, audit_admin, events):
    client.force_login(audit_admin)
    response = client.post(reverse("audit_verify"), follow=True)
    assert "审计链完整" in response.content.decode()
    assert Event.objects.filter(action="audit.verify").exists()


def _seqs(page: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"<tr>\s*<td>(\d+)</td>", page)]


def _link(page: str, rel: str) -> str:
    import html
    import re

    return html.unescape(re.search(rf'rel="{rel}" href="([^"]+)"', page).group(1))


def test_audit_log_pages_by_sequence_number_newest_first_without_counting(client, audit_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(120):
        audit.record("test.event" if i % 2 else "test.other", data={"i": i})
    newest = Event.objects.order_by("-seq").values_list("seq", flat=True)
    client.force_login(audit_admin)
    with CaptureQueriesContext(connection) as ctx:
        first = client.get(reverse("audit_log")).content.decode()
    # (The header's unread-message count is a COUNT, of the user's own messages; none may scan the events.)
    assert not any("COUNT(" in q["sql"].upper() and "AUDIT_EVENT" in q["sql"].upper() for q in ctx.captured_queries)
    assert _seqs(first) == list(newest[:50])
    assert 'rel="prev"' not in first
    assert "（估计值，非精确计数）" in first
    second = client.get(reverse("audit_log") + _link(first, "next")).content.decode()
    assert _seqs(second) == list(newest[50:100])
    back = client.get(reverse("audit_log") + _link(second, "prev")).content.decode()
    assert _seqs(back) == list(newest[:50])
    # The filter is kept from page to page.
    only = client.get(reverse("audit_log"), {"action": "test.event"}).content.decode()
    events = list(Event.objects.filter(action="test.event").order_by("-seq").values_list("seq", flat=True))
    assert _seqs(only) == events[:50]
    rest = client.get(reverse("audit_log") + _link(only, "next")).content.decode()
    assert _seqs(rest) == events[50:100]
    # A sequence number that is not plain digits shows the newest page.
    assert _seqs(client.get(reverse("audit_log"), {"before": "１２"}).content.decode()) == list(newest[:50])


def test_audit_log_speaks_chinese_and_keeps_the_codes_behind_the_verification_disclosure(
    client, audit_admin, applicant
):
    audit.record("auth.sign_in", actor=applicant, role="applicant", data={"via": "password"})
    audit.record(
        "application.submit",
        actor=applicant,
        role="applicant",
        obj=("applications.application", "7"),
        data={"from": "draft", "to": "submitted", "article": "9(1)", "comment": "请审核"},
    )
    client.force_login(audit_admin)
    page = client.get(reverse("audit_log")).content.decode()
    rows = page.split("<tbody>")[1]
    shown = re.sub(r"<details.*?</details>", "", rows, flags=re.S)  # what is read without opening 核验方法
    assert "<td>登录</td>" in page
    assert "申请书（第 7 号）" in page
    assert "<dt>原状态</dt><dd>草稿</dd>" in page and "<dt>新状态</dt><dd>已提交，待归口管理单位审核</dd>" in page
    assert "<dt>依据</dt><dd>第九条第（一）项</dd>" in page
    assert "{" not in shown and "auth.sign_in" not in shown and "applications.application" not in shown
    assert "auth.sign_in" in rows and "'via'" in html.unescape(rows)  # the raw record, for verifying the chain


@pytest.mark.parametrize("size", [5, 50])
def test_export_records_page_queries_do_not_grow_with_exports(client, audit_admin, size,
                                                            django_assert_max_num_queries):
    AuditExport.objects.bulk_create([AuditExport(requested_by=audit_admin, params={"action": "x"})
                                     for _ in range(size)])
    client.force_login(audit_admin)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("audit_exports")).content.decode()
    assert page.count("排队中") == size
