"""Issuing documents: 文号, files read back, freezing with SM3, corrections, audit, who may issue."""

import pytest
from cryptography.hazmat.primitives import hashes

from ticms.audit.models import Event
from ticms.audit.services import verify
from ticms.documents import services
from ticms.documents.models import IssuedDocument
from ticms.errors import ServiceError

from ..applications.factories import complete_application
from .reading import docx_text, flat, pdf_text
from .records import call, decided_notice


def _sm3(data: bytes) -> str:
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize().hex()


def _read(field) -> bytes:
    with field.open("rb") as f:
        return f.read()


def test_recognition_notice_reads_number_names_and_date_in_both_files(bureau_officer, organisation):
    notice, center = decided_notice(bureau_officer, organisation)
    doc = services.issue_document(actor=bureau_officer, kind="recognition", record=notice)
    assert doc.number == "朔科发〔2026〕1号"
    for text in (flat(docx_text(_read(doc.docx))), pdf_text(_read(doc.pdf))):
        assert "朔科发〔2026〕1号" in text
        assert "关于认定朔州市技术创新中心的通知" in text
        assert "朔州市碳基新材料技术创新中心" in text
        assert organisation.name in text
        assert "2026年6月15日" in text  # 成文日期, no leading zeros
        assert "朔州市科学技术局" in text


def test_public_notice_carries_items_period_contacts_and_how_to_object(bureau_officer, organisation):
    notice, _ = decided_notice(bureau_officer, organisation)
    doc = services.issue_document(actor=bureau_officer, kind="notice", record=notice)
    item = notice.items.get()
    period = f"公示时间：{notice.starts_on.year}年{notice.starts_on.month}月{notice.starts_on.day}日至" \
             f"{notice.ends_on.year}年{notice.ends_on.month}月{notice.ends_on.day}日"
    for text in (flat(docx_text(_read(doc.docx))), pdf_text(_read(doc.pdf))):
        assert doc.number in text and doc.number.startswith("朔科公示〔2026〕")
        assert period in text
        assert item.center_name in text and item.organisation_name in text
        assert "0349-2021234" in text and "kjj@example.cn" in text
        assert "实名" in text  # how to object


def test_application_form_is_issued_by_its_applicant_unnumbered_with_signature_lines(applicant, organisation):
    app = complete_application(applicant, organisation)
    doc = services.issue_document(actor=applicant, kind="application_form", record=app)
    assert doc.number == "" and doc.serial is None
    for text in (flat(docx_text(_read(doc.docx))), pdf_text(_read(doc.pdf))):
        assert "朔州市技术创新中心申请书" in text
        assert organisation.name in text and organisation.credit_code in text
        assert "法定代表人（签字）" in text and "（盖章）" in text
        assert "张三" in text


def test_county_officer_cannot_issue_application_form(county_officer, applicant, organisation):
    app = complete_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.issue_document(actor=county_officer, kind="application_form", record=app)
    assert exc.value.status == 403
    assert not IssuedDocument.objects.exists()


def test_applicant_cannot_issue_bureau_documents(applicant, bureau_officer):
    with pytest.raises(ServiceError) as exc:
        services.issue_document(actor=applicant, kind="call", record=call(bureau_officer))
    assert exc.value.status == 403


def test_issued_files_are_frozen_with_their_sm3_and_audited(bureau_officer):
    doc = services.issue_document(actor=bureau_officer, kind="call", record=call(bureau_officer))
    assert doc.docx_sm3 == _sm3(_read(doc.docx)) and doc.pdf_sm3 == _sm3(_read(doc.pdf))
    event = Event.objects.get(action="document.issue")
    assert event.data["number"] == doc.number and event.data["pdf_sm3"] == doc.pdf_sm3
    assert verify().ok


def test_second_issue_is_refused_and_a_correction_keeps_number_and_first_version(bureau_officer):
    record = call(bureau_officer)
    first = services.issue_document(actor=bureau_officer, kind="call", record=record)
    with pytest.raises(ServiceError) as exc:
        services.issue_document(actor=bureau_officer, kind="call", record=record)
    assert exc.value.status == 409
    second = services.correct_document(actor=bureau_officer, document=first, reason="申报时间有误")
    assert (second.number, second.version, second.supersedes_id) == (first.number, 2, first.pk)
    assert IssuedDocument.objects.count() == 2
    assert first.pdf_sm3 == _sm3(_read(IssuedDocument.objects.get(pk=first.pk).pdf))  # the old file is kept
    assert Event.objects.filter(action="document.correct", data__reason="申报时间有误").count() == 1


def test_correction_needs_a_reason(bureau_officer):
    first = services.issue_document(actor=bureau_officer, kind="call", record=call(bureau_officer))
    with pytest.raises(ServiceError) as exc:
        services.correct_document(actor=bureau_officer, document=first, reason=" ")
    assert exc.value.error == "reason_required"


def test_recognition_notice_is_refused_before_anything_is_recognized(bureau_officer, organisation):
    notice, _ = decided_notice(bureau_officer, organisation, state="preparatory")
    with pytest.raises(ServiceError) as exc:
        services.issue_document(actor=bureau_officer, kind="recognition", record=notice)
    assert exc.value.status == 409
    doc = services.issue_document(actor=bureau_officer, kind="preparatory", record=notice)
    assert "关于列为朔州市技术创新中心筹建对象的通知" in pdf_text(_read(doc.pdf))


def test_preview_is_marked_draft_unnumbered_and_stores_nothing(bureau_officer, organisation, _media):
    notice, _ = decided_notice(bureau_officer, organisation)
    rendered = services.preview(actor=bureau_officer, kind="recognition", record=notice)
    assert "样稿" in pdf_text(rendered.pdf)
    assert "样稿" in flat(docx_text(rendered.docx)) or "样稿" in _header(rendered.docx)
    assert "朔科发〔2026〕号" in pdf_text(rendered.pdf)
    assert not IssuedDocument.objects.exists()
    assert not _media.exists() or not any(_media.rglob("*.*"))


def _header(data: bytes) -> str:
    import io

    from docx import Document

    return "".join(p.text for p in Document(io.BytesIO(data)).sections[0].header.paragraphs)
