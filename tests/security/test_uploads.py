"""Uploads: an office file must be a real OOXML package (no programs, no macros, no zip bomb), a body over the
limit is refused before it is read, and a refused upload leaves no file behind."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook

from tests.applications.factories import new_application
from ticms.applications import services
from ticms.applications.models import Attachment
from ticms.documents.uploads import check_upload
from ticms.errors import ServiceError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def real_docx() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("建设方案")
    document.save(buffer)
    return buffer.getvalue()


def real_xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def repacked(original: bytes, extra: dict[str, bytes], drop: str = "") -> bytes:
    """The same package with entries added (or one left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != drop:
                target.writestr(item, source.read(item))
        for name, data in extra.items():
            target.writestr(name, data)
    return out.getvalue()


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ServiceError) as caught:
        check_upload(SimpleUploadedFile(name, content))
    return caught.value.detail


def test_real_docx_and_xlsx_are_accepted():
    assert check_upload(SimpleUploadedFile("方案.docx", real_docx())).extension == "docx"
    assert check_upload(SimpleUploadedFile("设备.xlsx", real_xlsx())).extension == "xlsx"


def test_a_small_zip_holding_20_mb_and_a_program_is_not_a_docx():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("padding.txt", b"\x00" * (20 * 1024 * 1024))
        package.writestr("setup.exe", b"MZ" + b"\x00" * 1024)
    assert len(bomb.getvalue()) < 40 * 1024
    assert "不是有效的 DOCX 文档" in refusal("方案.docx", bomb.getvalue())


def test_a_docx_unpacking_beyond_the_limit_is_refused(settings):
    settings.TICMS_OFFICE_MAX_UNCOMPRESSED_BYTES = 5 * 1024 * 1024
    bomb = repacked(real_docx(), {"word/media/big.bin": b"0" * (6 * 1024 * 1024)})
    assert "解压后大小" in refusal("方案.docx", bomb)


def test_a_docx_with_too_many_parts_is_refused(settings):
    settings.TICMS_OFFICE_MAX_ENTRIES = 50
    crowded = repacked(real_docx(), {f"word/media/p{i}.xml": b"<a/>" for i in range(60)})
    assert "个部件" in refusal("方案.docx", crowded)


def test_a_docx_carrying_a_program_is_refused():
    assert "setup.exe" in refusal("方案.docx", repacked(real_docx(), {"word/embeddings/setup.exe": b"MZ"}))


def test_a_docx_or_xlsx_carrying_macros_is_refused():
    assert "宏" in refusal("方案.docx", repacked(real_docx(), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}))
    assert "宏" in refusal("设备.xlsx", repacked(real_xlsx(), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}))


def test_a_docx_without_content_types_is_refused():
    assert "必要部件" in refusal("方案.docx", repacked(real_docx(), {}, drop="[Content_Types].xml"))


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, applicant, organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    # The test client's body holds 10 bytes; reading the 50 MB it declares would fail the test.
    response = client.generic("POST", f"/applications/{app.pk}/attachments/", b"0123456789",
                              content_type="multipart/form-data; boundary=x",
                              CONTENT_LENGTH=str(50 * 1024 * 1024))
    assert response.status_code == 413
    assert "超过单个附件上限 20.0 MB" in response.content.decode()
    assert response["Connection"] == "close"


def test_an_api_body_over_the_limit_is_a_json_413_before_it_is_read(client):
    response = client.generic("POST", "/api/v1/tokens", b"{}", content_type="application/json",
                              CONTENT_LENGTH=str(21 * 1024 * 1024 + 1))
    assert response.status_code == 413 and response.json()["error"] == "file_too_large"


def test_a_file_over_the_limit_inside_an_allowed_body_is_refused_with_its_size(client, applicant, organisation,
                                                                              settings, media):
    settings.TICMS_MAX_UPLOAD_BYTES = 100 * 1024
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    big = SimpleUploadedFile("设备清单.pdf", b"%PDF-1.4\n" + b"0" * (300 * 1024))
    response = client.post(f"/applications/{app.pk}/attachments/", {"kind": "other", "file": big}, follow=True)
    assert "超过单个附件上限 100 KB" in response.content.decode()
    assert not Attachment.objects.exists() and not any(media.rglob("*"))


def test_the_service_refuses_a_nul_file_name_from_any_caller_and_keeps_no_file(applicant, organisation, media):
    app = new_application(applicant, organisation)
    with pytest.raises(ServiceError) as caught:
        services.add_attachment(actor=applicant, application=app, kind="other",
                                upload=SimpleUploadedFile("设备清单\x00.pdf", b"%PDF-1.4\n%%EOF\n"))
    assert caught.value.error == "file_name"
    assert not Attachment.objects.exists() and not any(p.is_file() for p in media.rglob("*"))


def test_a_service_failing_after_storing_its_file_leaves_no_file(applicant, organisation, media):
    from django.core.files.storage import default_storage

    from ticms.documents.uploads import save_file, stores_files

    app = new_application(applicant, organisation)

    @stores_files
    def attach_then_fail():
        attachment = Attachment(application=app, kind="other", sha256="a" * 64)
        save_file(attachment.file, "a" * 64, SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n"))
        assert default_storage.exists(attachment.file.name)
        raise ServiceError("later_step", "后续步骤失败。")

    with pytest.raises(ServiceError):
        attach_then_fail()
    assert not any(p.is_file() for p in media.rglob("*"))
