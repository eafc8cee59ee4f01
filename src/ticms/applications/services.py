"""Applicant, county and bureau actions on applications (Art. 9(2)-(4), 10, 11). Views and the API call these."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ticms.accounts.models import Organisation
from ticms.accounts.roles import Role
from ticms.audit.services import record
from ticms.documents.uploads import stores_files
from ticms.errors import ServiceError
from ticms.storedfiles import store_upload
from ticms.workflow.rights import enforce

from .models import TERMINAL_STATES, Application, Attachment, AttachmentKind, State, Track
from .rights import may_attach, may_edit, may_revise_plan
from .validation import clean_facts
from .workflow import APPLICATION_FLOW


def _applicant_orgs(actor) -> list[int]:
    if not (actor and actor.is_authenticated and actor.has_role(Role.APPLICANT)):
        raise ServiceError("forbidden", "只有申报单位（依托单位）用户可以填报申请书。", status=403)
    return actor.organisation_ids()


def _jsonable(value):
    return value if value is None or isinstance(value, bool | int | str) else str(value)


@transaction.atomic
def create_application(*, actor, lead_unit: Organisation, call=None, track: str = Track.NEW,
                       engineering_center=None, upgrade_of=None, ip: str | None = None) -> Application:
    """Start a 申请书 under an open call, or (Art. 10/11) for conversion or upgrade, prefilled where possible."""
    orgs = _applicant_orgs(actor)
    if lead_unit is None or lead_unit.pk not in orgs:
        raise ServiceError("forbidden", "只能以本单位作为牵头单位申报。", status=403, field="lead_unit")
    now = timezone.now()
    app = Application(track=track, lead_unit=lead_unit, host_unit=lead_unit, created_by=actor)
    if track == Track.NEW:
        if call is None:
            raise ServiceError("call_required", "新建申请须选择一个建设通知。", field="call")
        if not call.is_open_on(timezone.localdate(now)):
            raise ServiceError("call_closed",
                               f"该建设通知不在申报期内（{call.opens}至{call.closes}）。",
                               field="call", article="9(1)")
        app.call, app.year = call, call.year
        if Application.objects.filter(call=call, lead_unit=lead_unit).exclude(state__in=TERMINAL_STATES).exists():
            raise ServiceError("duplicate", "本单位已有该建设通知下正在办理的申请书，请继续填写原申请。", status=409)
    elif track == Track.CONVERSION:
        ec = engineering_center
        if ec is None or ec.host_unit_id != lead_unit.pk:
            raise ServiceError("engineering_center_required", "转建须选择本单位依托的市工程技术研究中心。",
                               field="engineering_center", article="10")
        if ec.converted:
            raise ServiceError("already_converted", f"“{ec.name}”已转建。", status=409)
        app.call, app.year, app.engineering_center = call, (call.year if call else timezone.localdate(now).year), ec
        app.category, app.name = "domain", ec.name.replace("工程技术研究中心", "")
        app.field = ec.field or ""
        for name in ("director", "director_title", "fixed_staff", "floor_area_m2", "equipment_value"):
            if getattr(ec, name) not in (None, ""):
                setattr(app, name, getattr(ec, name))
    elif track == Track.UPGRADE:
        center = upgrade_of
        if center is None or center.status != "preparatory" or center.host_unit_id not in orgs:
            raise ServiceError("preparatory_center_required", "转正申请须选择本单位的筹建中心。",
                               field="upgrade_of", article="11")
        app.call, app.year, app.upgrade_of = call, (call.year if call else timezone.localdate(now).year), center
        app.category, app.field, app.host_unit = center.category, center.field, center.host_unit
    else:
        raise ServiceError("invalid_track", "申报类型应为新建、转建或转正。", field="track")
    app.save()
    if track == Track.UPGRADE:
        app.partner_units.set(upgrade_of.partner_units.all())
    record("application.create", actor=actor, role=Role.APPLICANT, obj=app, ip=ip, data={
        "track": track, "call": call.pk if call else None, "lead_unit": lead_unit.pk,
        "engineering_center": engineering_center.pk if engineering_center else None,
        "upgrade_of": upgrade_of.pk if upgrade_of else None, "article": {"new": "9(2)", "conversion": "10",
                                                                          "upgrade": "11"}.get(track, ""),
    })
    return app


@transaction.atomic
def update_application(*, actor, application: Application, changes: dict, partner_unit_ids=None,
                       host_unit_id: int | None = None, ip: str | None = None) -> Application:
    """Save sections of the 申请书; the audit event carries each changed value before and after."""
    app = Application.objects.select_for_update().get(pk=application.pk)
    right = may_edit(actor, app)
    plan_only = not right[0] and may_revise_plan(actor, app)[0]
    if not plan_only:
        enforce(right)
    cleaned = clean_facts(changes)
    if plan_only and set(cleaned) - {"construction_plan"}:
        raise ServiceError("not_editable", "完善建设方案阶段只能修改建设方案。", status=409,
                           article="9(3)")
    diff = {}
    for name, value in cleaned.items():
        before = getattr(app, name)
        if before != value:
            diff[name] = [_jsonable(before), _jsonable(value)]
            setattr(app, name, value)
    if "integrity_declaration" in diff:
        app.integrity_signed_at = timezone.now() if app.integrity_declaration else None
    if host_unit_id is not None and host_unit_id != app.host_unit_id:
        if host_unit_id not in (app.lead_unit_id, *actor.organisation_ids()):
            raise ServiceError("invalid_host_unit", "依托单位应为牵头单位或本人所属单位。", field="host_unit")
        diff["host_unit"] = [app.host_unit_id, host_unit_id]
        app.host_unit_id = host_unit_id
    if partner_unit_ids is not None:
        ids = sorted({int(i) for i in partner_unit_ids} - {app.lead_unit_id})
        found = list(Organisation.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if len(found) != len(ids):
            raise ServiceError("invalid_partner_units", "共建单位中有不存在的单位。", field="partner_units")
        before = sorted(app.partner_units.values_list("pk", flat=True))
        if before != ids:
            diff["partner_units"] = [before, ids]
            app.partner_units.set(ids)
    if diff:
        app.save()
        record("application.update", actor=actor, role=Role.APPLICANT, obj=app, ip=ip, data={"changes": diff})
    return app


SCAN_EXTENSIONS = {"pdf", "jpg", "jpeg", "png"}


@stores_files
def add_attachment(*, actor, application: Application, kind: str, upload, ip: str | None = None) -> Attachment:
    """Store a supporting file after checking its size and real type; its SHA-256 and SM3 digests are kept."""
    app = Application.objects.select_for_update().get(pk=application.pk)
    enforce(may_attach(actor, app))
    if kind not in AttachmentKind.values:
        raise ServiceError("invalid_kind", "请选择附件类型。", field="kind")
    if app.state == State.PLAN_REVISION and kind != AttachmentKind.REVISED_PLAN:
        raise ServiceError("not_editable", "完善建设方案阶段只能上传“完善后的建设方案”。", status=409, field="kind",
                           article="9(3)")
    only = (SCAN_EXTENSIONS, "盖章申报书应上传签字盖章后的扫描件（PDF 或 JPG、PNG 图片），不能是 .{extension} 文件。") \
        if kind == AttachmentKind.SIGNED_FORM else None
    attachment = store_upload(Attachment(application=app, kind=kind), upload, uploaded_by=actor, only=only)
    record("application.attachment_add", actor=actor, role=Role.APPLICANT, obj=app, ip=ip, data={
        "attachment": attachment.pk, "kind": kind, "name": attachment.original_name, "size": attachment.size,
        "sha256": attachment.sha256, "sm3": attachment.sm3,
    })
    return attachment


def transition_application(*, actor, application: Application, name: str, comment: str = "",
                           expected_state: str | None = None, ip: str | None = None) -> Application:
    """Fire a workflow step (the caller has fetched `application` through the actor's scope)."""
    return APPLICATION_FLOW.apply(actor, application, name, comment=comment, ip=ip,
                                  expected_state=expected_state or None)
