"""Issuing official documents: take the next 文号, render DOCX and PDF, store them with their SM3 digests, register
and audit — in one transaction, and without leaving a file behind when it fails."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from ticms.accounts.roles import Role
from ticms.accounts.scope import acts_for
from ticms.audit.services import record as audit
from ticms.crypto.sm3 import hexdigest as sm3_hexdigest
from ticms.errors import ServiceError

from .fonts import chosen
from .kinds import KINDS, Kind, number_of
from .models import DocumentSequence, IssuedDocument


def kind_of(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError:
        raise ServiceError("unknown_kind", f"没有“{code}”这种公文。可用：{'、'.join(KINDS)}。", status=404) from None


def record_of(kind: Kind, record_id: int, user):
    """The record a document is generated from, if the user may see it (404 otherwise, as for any record)."""
    model = apps.get_model(kind.model)
    found = model.objects.visible_to(user).filter(pk=record_id).first()
    if found is None:
        raise ServiceError("not_found", "记录不存在，或您无权查看。", status=404)
    return found


def may_issue(user, kind: Kind, record) -> bool:
    """The bureau issues its documents; the applicant of the application's own organisation issues its 申报书."""
    return acts_for(user, record, kind.issuer) or (kind.issuer == Role.APPLICANT
                                                   and acts_for(user, record, Role.BUREAU_OFFICER))


def _check(actor, kind: Kind, record) -> None:
    if record._meta.label_lower != kind.model:
        raise ServiceError("wrong_record", f"{kind.label}不能由此类记录生成。", status=422)
    if not may_issue(actor, kind, record):
        who = "牵头单位的申报人" if kind.issuer == Role.APPLICANT else "市科技局工作人员"
        raise ServiceError("forbidden", f"只有{who}可以生成{kind.label}。", status=403)


def _role(actor, kind: Kind, record) -> str:
    return kind.issuer if acts_for(actor, record, kind.issuer) else Role.BUREAU_OFFICER


@dataclass
class Rendered:
    docx: bytes
    pdf: bytes
    title: str


def preview(*, actor, kind: str, record) -> Rendered:
    """An unnumbered draft marked 样稿, for checking the wording before issuing. Nothing is stored."""
    spec = kind_of(kind)
    _check(actor, spec, record)
    content = spec.build(record)
    today = timezone.localdate()
    content.number = f"{spec.series}〔{today.year}〕  号" if spec.numbered else ""
    content.signed_on = today
    from .render import render_docx, render_pdf  # python-docx and docxtpl (~10 MB): loaded by the first document

    return Rendered(render_docx(spec.code, content, draft=True), render_pdf(content, draft=True), content.title)


def _next_serial(series: str, year: int) -> int:
    # The row lock serialises issuers of one series: each takes the next serial after the previous one committed,
    # so serials neither repeat nor skip (a failed issue rolls its increment back with everything else).
    seq, _ = DocumentSequence.objects.select_for_update().get_or_create(year=year, series=series)
    seq.last_serial += 1
    seq.save(update_fields=["last_serial"])
    return seq.last_serial


def latest(kind: str, record) -> IssuedDocument | None:
    ct = ContentType.objects.get_for_model(record)
    return (IssuedDocument.objects.filter(content_type=ct, object_id=record.pk, kind=kind)
            .order_by("-version").first())


def issue_document(*, actor, kind: str, record, ip=None, corrects: IssuedDocument | None = None,
                   reason: str = "") -> IssuedDocument:
    """Issue `kind` for `record` (version 1 with a new 文号), or a correction of `corrects` (same 文号, next
    version; the earlier version is kept). Refused when the record is not ready, or already issued."""
    spec = kind_of(kind)
    _check(actor, spec, record)
    why = spec.ready(record) if spec.ready else None
    if why:
        raise ServiceError("not_ready", f"暂不能生成{spec.label}：{why}", status=409)
    if corrects is not None and not reason.strip():
        raise ServiceError("reason_required", "请填写更正原因。", field="reason")
    written: list[str] = []
    try:
        with transaction.atomic():
            # Lock the record so two clicks on 发文 make one version 1, not two.
            list(type(record)._base_manager.select_for_update().filter(pk=record.pk).values_list("pk"))
            current = latest(spec.code, record)
            if corrects is None and current is not None:
                raise ServiceError("already_issued", f"{spec.label}已发文（{current}），如需修改请发更正版本。",
                                   status=409)
            if corrects is not None and (current is None or current.pk != corrects.pk):
                raise ServiceError("not_latest", "只能更正该公文的最新版本。", status=409)
            today = timezone.localdate()
            if corrects is not None:
                year, serial, number = corrects.year, corrects.serial, corrects.number
            else:
                year = today.year
                serial = _next_serial(spec.series, year) if spec.numbered else None
                number = number_of(spec.series, year, serial) if serial else ""
            content = spec.build(record)
            content.number, content.signed_on = number, today
            from .render import render_docx, render_pdf  # loaded by the first document, not by every worker

            docx, pdf = render_docx(spec.code, content), render_pdf(content)
            stem = f"documents/{year}/{spec.code}/{uuid.uuid4().hex}"
            docx_name = default_storage.save(f"{stem}.docx", ContentFile(docx))
            written.append(docx_name)
            pdf_name = default_storage.save(f"{stem}.pdf", ContentFile(pdf))
            written.append(pdf_name)
            role = _role(actor, spec, record)
            doc = IssuedDocument.objects.create(
                kind=spec.code, title=content.title, number=number, series=spec.series if serial else "", year=year,
                serial=serial, version=(current.version + 1) if corrects is not None else 1, supersedes=corrects,
                correction_reason=reason.strip(), content_type=ContentType.objects.get_for_model(record),
                object_id=record.pk, record_title=str(record)[:300], docx=docx_name, pdf=pdf_name,
                docx_sm3=sm3_hexdigest(docx), pdf_sm3=sm3_hexdigest(pdf), fonts=chosen().describe(), public=spec.public,
                issued_on=today, issued_at=timezone.now(), issued_by=actor, issued_role=role,
            )
            audit("document.correct" if corrects is not None else "document.issue", actor=actor, role=role,
                  obj=record, ip=ip,
                  data={"document": doc.pk, "kind": spec.code, "number": number, "version": doc.version,
                        "title": doc.title, "docx_sm3": doc.docx_sm3, "pdf_sm3": doc.pdf_sm3,
                        "reason": doc.correction_reason, "article": spec.article})
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return doc


def correct_document(*, actor, document: IssuedDocument, reason: str, ip=None) -> IssuedDocument:
    return issue_document(actor=actor, kind=document.kind, record=document.record, ip=ip, corrects=document,
                          reason=reason)
