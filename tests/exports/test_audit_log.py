"""The audit log as XLSX, for the audit administrator only, with the page's filters."""

import datetime

import pytest

from ticms.audit.models import Event
from ticms.audit.services import record

from .helpers import column, table

pytestmark = pytest.mark.django_db


def test_audit_admin_exports_filtered_events(client, audit_admin):
    record("center.create", actor=audit_admin, data={"名称": "储能"})
    record("application.submit", actor=audit_admin)
    client.force_login(audit_admin)
    header, rows = table(client.get("/audit/?format=xlsx&action=center."))
    assert column(header, rows, "操作") == ["center.create"]
    assert column(header, rows, "数据") == ['{"名称": "储能"}']
    assert isinstance(column(header, rows, "时间")[0], datetime.datetime)
    event = Event.objects.latest("seq")
    assert (event.action, event.data) == ("export.xlsx", {"list": "audit_log", "filter": {"操作": "center."},
                                                          "rows": 1})


def test_other_roles_cannot_export_the_audit_log(client, bureau_officer):
    client.force_login(bureau_officer)
    assert client.get("/audit/?format=xlsx").status_code == 403
