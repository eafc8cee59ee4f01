"""Evaluation attachments go through the same upload checks as every other attachment."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ticms.errors import ServiceError
from ticms.evaluations.models import EvaluationAttachment
from ticms.evaluations.services import add_attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_pdf_is_stored_with_both_digests(evaluation, applicant):
    att = add_attachment(actor=applicant, evaluation=evaluation,
                         uploaded_file=SimpleUploadedFile("审计报告.pdf", PDF, content_type="application/pdf"))
    assert att.size == len(PDF) and len(att.sha256) == 64 and len(att.sm3) == 64 and att.sha256 != att.sm3


def test_text_named_pdf_is_refused_and_nothing_stored(evaluation, applicant):
    with pytest.raises(ServiceError) as exc:
        add_attachment(actor=applicant, evaluation=evaluation,
                       uploaded_file=SimpleUploadedFile("审计报告.pdf", b"just some text, not a PDF"))
    assert exc.value.error == "file_content_mismatch" and "扩展名" in str(exc.value.detail)
    assert not EvaluationAttachment.objects.exists()


def test_oversized_file_is_refused(evaluation, applicant, settings):
    settings.TICMS_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ServiceError) as exc:
        add_attachment(actor=applicant, evaluation=evaluation,
                       uploaded_file=SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))
    assert exc.value.status == 413
    assert not EvaluationAttachment.objects.exists()
