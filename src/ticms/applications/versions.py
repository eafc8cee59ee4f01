"""ApplicationVersion: freezing what was submitted, and the differences between two versions."""

from __future__ import annotations

from . import fields as spec
from .display import display
from .fields import Kind
from .models import Application, ApplicationVersion


def _jsonable(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _frozen(application: Application, f: spec.Field):
    # Organisations are frozen by name: what the reviewers read, even if the organisation is renamed later.
    if f.kind == Kind.ORGANISATION:
        return getattr(application, f.name).name
    if f.kind == Kind.ORGANISATIONS:
        return "、".join(sorted(o.name for o in getattr(application, f.name).all()))
    return _jsonable(getattr(application, f.name))


def snapshot(application: Application) -> tuple[dict, list]:
    facts = {f.name: _frozen(application, f) for f in spec.FIELDS}
    facts["year"] = application.year
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


LABELS = {"year": "申报年度", **{f.name: f.full_label for f in spec.FIELDS}}
ORDER = list(LABELS)


def _text(key: str, value):
    if value is None:
        return None
    return display(spec.get(key), value) if key in spec.BY_NAME else value


def diff(old: ApplicationVersion, new: ApplicationVersion) -> list[dict]:
    """Each changed fact and attachment between two versions, labelled and shown as the record page shows them
    (amounts in 万元); `before` and `after` keep the frozen values."""
    rows = []
    for key in sorted(set(old.facts) | set(new.facts), key=lambda k: ORDER.index(k) if k in LABELS else 99):
        before, after = old.facts.get(key), new.facts.get(key)
        if before != after:
            rows.append({"field": key, "label": LABELS.get(key, key), "before": before, "after": after,
                         "before_text": _text(key, before), "after_text": _text(key, after)})
    old_files = {a["sha256"]: a for a in old.attachments}
    new_files = {a["sha256"]: a for a in new.attachments}
    for digest in new_files.keys() - old_files.keys():
        name = new_files[digest]["name"]
        rows.append({"field": "attachment", "label": "新增附件", "before": None, "after": name,
                     "before_text": None, "after_text": name})
    for digest in old_files.keys() - new_files.keys():
        name = old_files[digest]["name"]
        rows.append({"field": "attachment", "label": "移除附件", "before": name, "after": None,
                     "before_text": name, "after_text": None})
    return rows
