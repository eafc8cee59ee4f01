"""Recording who saw personal data in full, and who downloaded a file: each is an audit event.

Nothing of the value itself is recorded — only whose data (model, record ids), which fields, and where it was
shown (`via`: a page or API route).
"""

from __future__ import annotations

from ticms.audit import services as audit


def record_reveal(*, actor, role: str, model, ids, fields, via: str, ip: str | None = None) -> None:
    # Not on the record's own timeline (every view of a detail page would fill it): in the audit log only.
    ids = sorted(int(i) for i in ids)
    if not ids:
        return
    audit.record("personal_data.reveal", actor=actor, role=role, ip=ip, data={
        "model": model._meta.label_lower, "ids": ids, "fields": list(fields), "via": via})


def record_download(*, actor, obj, name: str, via: str, ip: str | None = None, role: str = "") -> None:
    audit.record("attachment.download", actor=actor, role=role, obj=obj, ip=ip,
                 data={"name": name, "via": via})
