import hashlib

import pytest
from cryptography.hazmat.primitives import hashes
from django.core.files.uploadedfile import SimpleUploadedFile

from ticms.applications import services
from ticms.applications.models import Attachment
from ticms.errors import ServiceError

from .factories import PDF, PNG, new_application, pdf

pytestmark = pytest.mark.django_db


def sm3(data: bytes) -> str:
    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize().hex()


def test_pdf_is_stored_with_sha256_sm3_size_and_uploader(applicant, organisation):
    app = new_application(applicant, organisation)
    att = services.add_attachment(actor=applicant, application=app, kind="business_licence", upload=pdf("营业执照.pdf"))
    assert att.sha256 == hashlib.sha256(PDF).hexdigest() and att.sm3 == sm3(PDF)
    assert att.size == len(PDF) and att.uploaded_by == applicant and att.original_name == "营业执照.pdf"
    assert att.content_type == "application/pdf"


def test_png_image_is_accepted(applicant, organisation):
    app = new_application(applicant, organisation)
    upload = SimpleUploadedFile("职称证书.png", PNG, content_type="image/png")
    assert services.add_attachment(actor=applicant, application=app, kind="title_certificate", upload=upload).pk


def test_file_whose_content_is_not_what_its_name_says_is_refused(applicant, organisation):
    app = new_application(applicant, organisation)
    fake = SimpleUploadedFile("审计报告.pdf", b"MZ\x90\x00 this is really a program", content_type="application/pdf")
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=applicant, application=app, kind="rd_audit", upload=fake)
    assert exc.value.error == "file_content_mismatch" and "扩展名" in exc.value.detail
    assert not Attachment.objects.exists()


def test_png_renamed_to_pdf_is_refused(applicant, organisation):
    app = new_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=applicant, application=app, kind="rd_audit",
                                upload=SimpleUploadedFile("a.pdf", PNG))
    assert "PNG" in exc.value.detail


def test_unsupported_extension_is_refused(applicant, organisation):
    app = new_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=applicant, application=app, kind="other",
                                upload=SimpleUploadedFile("run.exe", b"MZ\x90\x00"))
    assert exc.value.error == "file_type"


def test_empty_file_is_refused(applicant, organisation):
    app = new_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=applicant, application=app, kind="other", upload=SimpleUploadedFile("a.pdf", b""))
    assert exc.value.error == "file_empty"


def test_file_over_the_configured_limit_is_refused_with_the_limit(settings, applicant, organisation):
    settings.TICMS_MAX_UPLOAD_BYTES = 1024
    app = new_application(applicant, organisation)
    big = pdf("大文件.pdf", PDF + b"0" * 50 * 1024)  # stands in for a 50 MB file against a 1 KB limit
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=applicant, application=app, kind="other", upload=big)
    assert exc.value.error == "file_too_large" and exc.value.status == 413 and "1 KB" in exc.value.detail
    assert not Attachment.objects.exists()


def test_real_file_just_over_the_default_limit_is_refused(settings, applicant, organisation):
    app = new_application(applicant, organisation)
    limit = settings.TICMS_MAX_UPLOAD_BYTES
    big = pdf("超限.pdf", PDF + b"0" * (limit - len(PDF) + 1))
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=applicant, application=app, kind="other", upload=big)
    assert exc.value.error == "file_too_large"


def test_unknown_attachment_kind_is_refused(applicant, organisation):
    app = new_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=applicant, application=app, kind="secret", upload=pdf())
    assert exc.value.field == "kind"


def test_county_officer_cannot_upload(applicant, organisation, county_officer):
    app = new_application(applicant, organisation)
    with pytest.raises(ServiceError) as exc:
        services.add_attachment(actor=county_officer, application=app, kind="other", upload=pdf())
    assert exc.value.status == 403


FIFTY_MB = PDF + b"0" * (50 * 1024 * 1024)


def test_a_real_50_mb_upload_on_the_page_is_refused_in_chinese_and_nothing_kept(client, applicant, organisation,
                                                                                 settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    response = client.post(f"/applications/{app.pk}/attachments/",
                           {"kind": "other", "file": SimpleUploadedFile("设备清单.pdf", FIFTY_MB)}, follow=True)
    assert response.status_code in (200, 413)
    assert "超过单个附件上限 20.0 MB" in response.content.decode()
    assert not Attachment.objects.exists() and not any(tmp_path.rglob("*.pdf"))


def test_a_real_50_mb_upload_through_the_api_is_a_json_413(client, applicant, organisation, settings, tmp_path):
    from ticms.accounts.services import create_api_token

    settings.MEDIA_ROOT = tmp_path
    app = new_application(applicant, organisation)
    _token, raw = create_api_token(user=applicant, name="测试")
    response = client.post(f"/api/v1/applications/{app.pk}/attachments",
                           {"kind": "other", "file": SimpleUploadedFile("设备清单.pdf", FIFTY_MB)},
                           HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 413
    assert response.json()["error"] == "file_too_large" and "上限 20.0 MB" in response.json()["detail"]
    assert not Attachment.objects.exists() and not any(tmp_path.rglob("*.pdf"))
