"""The download block a record page shows: `{% load documents %}{% documents_block record %}`.

It lists the documents issued from the record (every version, each in DOCX and PDF) that the user may read, and,
for whoever may issue them, a preview (样稿) and a 发文 button per kind."""

from __future__ import annotations

from django import template

from ticms.accounts.roles import Role
from ticms.documents import services
from ticms.documents.kinds import kinds_for
from ticms.documents.selectors import documents_of

register = template.Library()


@register.inclusion_tag("documents/block.html", takes_context=True)
def documents_block(context, record):
    request = context.get("request")
    user = getattr(request, "user", None)
    issued = documents_of(record, user) if record is not None else []
    rows = []
    for kind in kinds_for(record) if record is not None else []:
        may = user is not None and user.is_authenticated and services.may_issue(user, kind, record)
        versions = [d for d in issued if d.kind == kind.code]
        if not versions and not may:
            continue
        rows.append({
            "kind": kind, "versions": versions, "may_issue": may,
            "why_not": (kind.ready(record) if kind.ready else None) if may and not versions else None,
        })
    is_bureau = user is not None and user.is_authenticated and user.has_role(Role.BUREAU_OFFICER)
    return {"rows": rows, "record": record, "is_bureau": is_bureau, "csrf_token": context.get("csrf_token"),
            "next": request.get_full_path() if request else ""}
