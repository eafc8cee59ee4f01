"""The applicant uploads the signed and stamped scan of the generated 申报书 (Art. 9(2)); the page shows it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ticms.applications.models import Attachment

from .factories import new_application, pdf

pytestmark = pytest.mark.django_db


def test_applicant_uploads_the_signed_scan_and_the_page_links_it(client, applicant, organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert "选择附件类型“盖章申报书（扫描件）”" in page
    response = client.post(
        f"/applications/{app.pk}/attachments/", {"kind": "signed_form", "file": pdf("申报书盖章版.pdf")}, follow=True
    )
    assert Attachment.objects.get(application=app).kind == "signed_form"
    assert "已上传盖章申报书：" in response.content.decode() and "申报书盖章版.pdf" in response.content.decode()


def test_the_signed_form_must_be_a_scan(client, applicant, organisation):
    from docx import Document

    app = new_application(applicant, organisation)
    client.force_login(applicant)
    out = io.BytesIO()
    Document().save(out)
    upload = SimpleUploadedFile("申报书.docx", out.getvalue())
    response = client.post(f"/applications/{app.pk}/attachments/", {"kind": "signed_form", "file": upload}, follow=True)
    refusal = "盖章申报书应上传签字盖章后的扫描件（PDF 或 JPG、PNG 图片），不能是 .docx 文件。"
    assert refusal in response.content.decode()
    assert not Attachment.objects.filter(application=app).exists()
