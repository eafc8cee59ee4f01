"""申报指南 and templates published with a call: the bureau uploads them, anyone reads and downloads them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ticms.audit.models import Event
from ticms.calls import services
from ticms.calls.models import CallFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def call(bureau_officer):
    today = timezone.localdate()
    return services.publish_call(actor=bureau_officer, title="关于申报2026年度市技术创新中心的通知", year=2026,
                                 opens=today, closes=today + datetime.timedelta(days=20), fields=[], text="正文")


def test_bureau_publishes_a_guide_that_anyone_downloads(client, bureau_officer, call):
    client.force_login(bureau_officer)
    upload = SimpleUploadedFile("2026年度申报指南.pdf", PDF, content_type="application/pdf")
    page = client.post(f"/calls/{call.pk}/files/", {"kind": "guide", "file": upload}, follow=True).content.decode()
    assert "已发布附件“2026年度申报指南.pdf”" in page
    f = CallFile.objects.get()
    assert f.kind == "guide" and f.size == len(PDF) and len(f.sm3) == 64
    event = Event.objects.get(action="call.file_add")
    assert event.data["sm3"] == f.sm3 and event.data["article"] == "9(1)"

    client.logout()
    page = client.get(f"/calls/{call.pk}/").content.decode()
    assert "申报指南：" in page and f"/calls/files/{f.pk}/" in page and "上传附件" not in page
    response = client.get(f"/calls/files/{f.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_an_applicant_cannot_publish_a_file(client, applicant, call):
    client.force_login(applicant)
    assert "上传附件" not in client.get(f"/calls/{call.pk}/").content.decode()
    upload = SimpleUploadedFile("指南.pdf", PDF, content_type="application/pdf")
    response = client.post(f"/calls/{call.pk}/files/", {"kind": "guide", "file": upload})
    assert response.status_code == 403 and not CallFile.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused_with_nothing_stored(client, bureau_officer, call, settings):
    client.force_login(bureau_officer)
    upload = SimpleUploadedFile("指南.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    page = client.post(f"/calls/{call.pk}/files/", {"kind": "guide", "file": upload}, follow=True).content.decode()
    assert "alert-danger" in page and not CallFile.objects.exists()
    media = settings.MEDIA_ROOT / "calls"
    assert not media.exists() or not any(media.rglob("*"))


def test_no_file_chosen_is_told_in_chinese(client, bureau_officer, call):
    client.force_login(bureau_officer)
    page = client.post(f"/calls/{call.pk}/files/", {"kind": "guide"}, follow=True).content.decode()
    assert "请选择要上传的文件。" in page
