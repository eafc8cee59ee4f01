"""The bureau issues a 认定通知 from the notice page and downloads its PDF (Art. 9(4))."""

import subprocess

import pytest
from playwright.sync_api import expect

from ticms.documents.models import IssuedDocument

from ..documents.records import decided_notice

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("frozen_today")]


def test_bureau_issues_and_downloads_a_recognition_notice(page, live_server, login, bureau_officer, organisation,
                                                          settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    notice, _ = decided_notice(bureau_officer, organisation)
    login(page, live_server, bureau_officer)
    page.goto(f"{live_server.url}{notice.get_absolute_url()}")
    block = page.locator("#documents [data-kind=recognition]")
    block.get_by_role("button", name="编号发文").click()
    doc = IssuedDocument.objects.get(kind="recognition")
    expect(page.locator("#documents [data-kind=recognition]")).to_contain_text(doc.number)
    with page.expect_download() as info:
        page.locator("#documents [data-kind=recognition]").get_by_role("link", name="PDF", exact=True).click()
    path = info.value.path()
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True).stdout
    text = "".join(out.decode().split())
    assert "朔科发〔2026〕1号" in text and "朔州市碳基新材料技术创新中心" in text
