"""What a panel needs to know about its subject (an Application, an Evaluation, …), read generically.

A subject model may define `review_subject()` returning a dict with keys title, field, organisations (list of
Organisation), url; otherwise the common attribute names of the glossary are tried (lead_unit, host_unit,
partner_units, and for evaluations the center's).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from ticms.errors import ServiceError

# subject_type of the API → model label
SUBJECT_MODELS = {"application": "applications.Application", "evaluation": "evaluations.Evaluation"}

# The states in which a subject expects a panel, with the article that calls for it: an application in expert
# review (Art. 9(3)); an evaluation checked by its competent unit — `start_scoring` needs the panel — or being
# scored, when a panel has to be redrawn (Art. 16).
DRAW_STATES = {
    "applications.application": (("expert_review",), "9(3)", "第九条第（三）项"),
    "evaluations.evaluation": (("county_checked", "expert_scoring"), "16", "第十六条"),
}


@dataclass
class SubjectInfo:
    title: str
    field: str = ""
    organisations: list = dc_field(default_factory=list)
    url: str = ""

    @property
    def organisation_ids(self) -> list[int]:
        return sorted({o.pk for o in self.organisations})


def _units(record) -> list:
    orgs = []
    for name in ("lead_unit", "host_unit", "organisation"):
        org = getattr(record, name, None)
        if org is not None and hasattr(org, "credit_code"):
            orgs.append(org)
    for name in ("partner_units", "partners"):
        related = getattr(record, name, None)
        if related is not None and hasattr(related, "all"):
            orgs.extend(o for o in related.all() if hasattr(o, "credit_code"))
    return orgs


def describe(subject) -> SubjectInfo:
    hook = getattr(subject, "review_subject", None)
    if callable(hook):
        data = hook()
        return SubjectInfo(
            title=str(data.get("title", subject)),
            field=str(data.get("field", "") or ""),
            organisations=list(data.get("organisations", [])),
            url=str(data.get("url", "") or ""),
        )
    orgs = _units(subject)
    center = getattr(subject, "center", None)
    if center is not None:
        orgs += _units(center)
    title = ""
    for name in ("official_name", "proposed_name", "center_name", "title", "name"):
        value = getattr(subject, name, "")
        if value:
            title = str(value)
            break
    url = subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else ""
    field_name = getattr(subject, "field", "") or getattr(center, "field", "") or ""
    unique = list({o.pk: o for o in orgs}.values())
    return SubjectInfo(title=title or str(subject), field=str(field_name), organisations=unique, url=url)


def resolve(subject_type: str, subject_id: int):
    label = SUBJECT_MODELS.get(subject_type)
    if label is None:
        raise ServiceError("bad_subject_type", "评审对象类型只能是 application（申请书）或 evaluation（绩效评估）。")
    try:
        model = apps.get_model(label)
    except LookupError as exc:
        raise ServiceError("subject_unavailable", f"系统中尚无“{subject_type}”类评审对象。") from exc
    if isinstance(subject_id, bool) or not isinstance(subject_id, int) or not 0 < subject_id < 2**63:
        raise ServiceError("subject_not_found", "评审对象不存在。", status=404)
    try:
        return model._base_manager.get(pk=subject_id)
    except (model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise ServiceError("subject_not_found", "评审对象不存在。", status=404) from exc


def subject_filter(subject) -> dict:
    return {"content_type": ContentType.objects.get_for_model(type(subject)), "object_id": subject.pk}


def check_drawable(subject) -> str:
    """The article under which `subject` may have a panel drawn now; refused (409) in any other state."""
    expected = DRAW_STATES.get(subject._meta.label_lower)
    if expected is None:
        raise ServiceError("bad_subject_type", "该对象不进行专家评审。")
    states, article, citation = expected
    if subject.state in states:
        return article
    labels = dict(subject._meta.get_field("state").choices)
    wanted = "或".join(f"“{labels.get(s, s)}”" for s in states)
    raise ServiceError(
        "subject_not_in_review",
        f"“{describe(subject).title}”当前为“{labels.get(subject.state, subject.state)}”，不能抽取专家组："
        f"只有{wanted}状态的对象才进行专家评审（{citation}）。",
        status=409, article=article)
