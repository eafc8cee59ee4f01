"""The bureau's actions on calls (Art. 9(1))."""

from __future__ import annotations

import datetime

from django.db import transaction

from ticms.accounts.roles import Role, require_role
from ticms.applications.policy_adapter import field_names
from ticms.audit.services import record
from ticms.documents.uploads import stores_files
from ticms.errors import ServiceError
from ticms.storedfiles import store_upload

from .models import Call, CallFile, CallFileKind


def _check(*, title: str, year, fields, opens, closes) -> dict:
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = "请填写通知标题。"
    elif len(title) > 200:
        errors["title"] = "标题不能超过200个字。"
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        errors["year"] = "年度应为2000至2100之间的整数。"
    if not isinstance(opens, datetime.date) or not isinstance(closes, datetime.date):
        errors["opens"] = "请填写开始和截止日期。"
    elif closes < opens:
        errors["closes"] = "截止日期不能早于开始日期。"
    known = set(field_names())
    unknown = [f for f in (fields or []) if f not in known]
    if unknown:
        errors["fields"] = "以下领域不在第三条第（二）项所列的重点产业集群中：" + "、".join(map(str, unknown))
    if errors:
        field = next(iter(errors))
        raise ServiceError("invalid_call", errors, field=field)
    return {"title": title}


@transaction.atomic
def publish_call(*, actor, title: str, year: int, opens: datetime.date, closes: datetime.date,
                 fields: list[str] | None = None, text: str = "", ip: str | None = None) -> Call:
    """Publish a call for applications; it is public at once and open between `opens` and `closes`."""
    require_role(actor, Role.BUREAU_OFFICER, doing="发布建设通知", article="5, 9(1)")
    cleaned = _check(title=title, year=year, fields=fields, opens=opens, closes=closes)
    call = Call.objects.create(
        title=cleaned["title"], year=year, fields=list(fields or []), opens=opens, closes=closes,
        text=text or "", created_by=actor,
    )
    record("call.publish", actor=actor, role=Role.BUREAU_OFFICER, obj=call, ip=ip, data={
        "title": call.title, "year": year, "fields": call.fields, "opens": opens.isoformat(),
        "closes": closes.isoformat(), "article": "9(1)",
    })
    return call


@stores_files
def add_call_file(*, actor, call: Call, kind: str, upload, ip: str | None = None) -> CallFile:
    """Publish a file with a call (申报指南, 申报书模板 …); applicants read it before applying (Art. 9(1))."""
    require_role(actor, Role.BUREAU_OFFICER, doing="发布建设通知的附件", article="9(1)")
    if kind not in CallFileKind.values:
        raise ServiceError("invalid_kind", "请选择附件类型。", field="kind")
    f = store_upload(CallFile(call=call, kind=kind), upload, uploaded_by=actor)
    record("call.file_add", actor=actor, role=Role.BUREAU_OFFICER, obj=call, ip=ip, data={
        "file": f.pk, "kind": kind, "name": f.original_name, "size": f.size, "sm3": f.sm3, "article": "9(1)",
    })
    return f
