"""ApplicationVersion: freezing what was submitted, and the differences between two versions."""

from __future__ import annotations

from .eligibility import FACT_FIELDS, values_of
from .models import Application, ApplicationVersion


def _jsonable(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def snapshot(application: Application) -> tuple[dict, list]:
    facts = {k: _jsonable(v) for k, v in values_of(application).items()}
    facts["year"] = application.year
    facts["lead_unit"] = application.lead_unit.name
    facts["host_unit"] = application.host_unit.name
    facts["partner_units"] = "、".join(sorted(o.name for o in application.partner_units.all()))
    attachments = [
        {"id": a.pk, "kind": a.kind, "name": a.original_name, "size": a.size, "sha256": a.sha256, "sm3": a.sm3}
        for a in application.attachments.all()
    ]
    return facts, attachments


def freeze(application: Application, *, user, reason: str, at) -> ApplicationVersion:
    facts, attachments = snapshot(application)
    last = application.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ApplicationVersion.objects.create(
        application=application, number=last + 1, reason=reason, facts=facts, attachments=attachments,
        taken_by=user if getattr(user, "pk", None) else None, taken_at=at,
    )


def latest(application: Application) -> ApplicationVersion | None:
    return application.versions.order_by("-number").first()


LABELS = {name: str(Application._meta.get_field(name).verbose_name) for name in FACT_FIELDS}
LABELS.update({"year": "申报年度", "lead_unit": "牵头单位", "host_unit": "依托单位", "partner_units": "共建单位"})


def diff(old: ApplicationVersion, new: ApplicationVersion) -> list[dict]:
    """Each changed fact and attachment between two versions, labelled for people."""
    rows = []
    for key in sorted(set(old.facts) | set(new.facts), key=lambda k: list(LABELS).index(k) if k in LABELS else 99):
        before, after = old.facts.get(key), new.facts.get(key)
        if before != after:
            rows.append({"field": key, "label": LABELS.get(key, key), "before": before, "after": after})
    old_files = {a["sha256"]: a for a in old.attachments}
    new_files = {a["sha256"]: a for a in new.attachments}
    for digest in new_files.keys() - old_files.keys():
        rows.append({"field": "attachment", "label": "新增附件", "before": None, "after": new_files[digest]["name"]})
    for digest in old_files.keys() - new_files.keys():
        rows.append({"field": "attachment", "label": "移除附件", "before": old_files[digest]["name"], "after": None})
    return rows
