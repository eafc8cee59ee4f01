"""The download block on record pages, the 发文登记 page, downloads by scope, and /api/v1/documents."""

import json

from ticms.documents import services
from ticms.documents.models import IssuedDocument

from ..applications.factories import complete_application
from .reading import pdf_text
from .records import call, decided_notice


def test_bureau_issues_from_the_notice_page_and_downloads_both_files(client, bureau_officer, organisation):
    notice, _ = decided_notice(bureau_officer, organisation)
    client.force_login(bureau_officer)
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "公文下载" in page and "认定通知" in page and "编号发文" in page
    client.post("/documents/issue/", {"kind": "recognition", "record_id": notice.pk, "next": notice.get_absolute_url()})
    doc = IssuedDocument.objects.get(kind="recognition")
    page = client.get(notice.get_absolute_url()).content.decode()
    assert doc.number in page and f"/documents/{doc.pk}/pdf/" in page
    pdf = client.get(f"/documents/{doc.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf["X-Content-SM3"] == doc.pdf_sm3
    assert doc.number in pdf_text(pdf.content)
    docx = client.get(f"/documents/{doc.pk}/docx/")
    assert docx.content[:2] == b"PK" and "attachment" in docx["Content-Disposition"]


def test_public_documents_download_without_signing_in_private_ones_do_not(client, bureau_officer, applicant,
                                                                         organisation):
    notice, _ = decided_notice(bureau_officer, organisation)
    public = services.issue_document(actor=bureau_officer, kind="recognition", record=notice)
    form = services.issue_document(actor=applicant, kind="application_form",
                                   record=complete_application(applicant, organisation))
    assert client.get(f"/documents/{public.pk}/pdf/").status_code == 200
    assert client.get(f"/documents/{form.pk}/pdf/").status_code == 404


def test_another_organisation_cannot_download_an_application_form(client, applicant, other_applicant, organisation,
                                                                  county_officer):
    form = services.issue_document(actor=applicant, kind="application_form",
                                   record=complete_application(applicant, organisation))
    client.force_login(other_applicant)
    assert client.get(f"/documents/{form.pk}/docx/").status_code == 404
    client.force_login(county_officer)  # the county of the organisation sees its application, so its form
    assert client.get(f"/documents/{form.pk}/docx/").status_code == 200


def test_register_lists_by_year_and_kind_for_the_bureau_only(client, bureau_officer, applicant, organisation):
    notice, _ = decided_notice(bureau_officer, organisation)
    services.issue_document(actor=bureau_officer, kind="recognition", record=notice)
    services.issue_document(actor=bureau_officer, kind="call", record=call(bureau_officer))
    client.force_login(bureau_officer)
    page = client.get("/documents/?year=2026&kind=recognition").content.decode()
    assert "关于认定朔州市技术创新中心的通知" in page and "朔科发〔2026〕1号" in page
    assert "关于组织申报2026年度" not in page
    assert "关于组织申报2026年度" in client.get("/documents/").content.decode()
    client.force_login(applicant)
    assert client.get("/documents/").status_code == 403


def test_preview_download_is_marked_and_numberless(client, bureau_officer, organisation):
    notice, _ = decided_notice(bureau_officer, organisation)
    client.force_login(bureau_officer)
    response = client.get(f"/documents/preview/notice/{notice.pk}/pdf/")
    assert response.status_code == 200 and "样稿" in pdf_text(response.content)
    assert not IssuedDocument.objects.exists()


def test_api_issues_lists_and_serves_files(client, bureau_officer, organisation):
    notice, _ = decided_notice(bureau_officer, organisation)
    client.force_login(bureau_officer)
    created = client.post("/api/v1/documents", json.dumps({"kind": "notice", "record_id": notice.pk}),
                          content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["number"] == "朔科公示〔2026〕1号" and body["record_type"] == "notices.publicnotice"
    assert body["record_id"] == notice.pk and body["supersedes"] is None
    listed = client.get("/api/v1/documents?kind=notice").json()
    assert [d["id"] for d in listed] == [body["id"]]
    pdf = client.get(body["pdf_url"])
    assert pdf.status_code == 200 and "朔科公示〔2026〕1号" in pdf_text(pdf.content)
    again = client.post("/api/v1/documents", json.dumps({"kind": "notice", "record_id": notice.pk}),
                        content_type="application/json")
    assert again.status_code == 409 and again.json()["error"] == "already_issued"
    fixed = client.post("/api/v1/documents", json.dumps({"kind": "notice", "record_id": notice.pk,
                                                         "corrects": body["id"], "reason": "联系电话有误"}),
                        content_type="application/json")
    assert fixed.status_code == 201 and fixed.json()["version"] == 2 and fixed.json()["number"] == body["number"]
    assert fixed.json()["supersedes"] == body["id"]


def test_api_refuses_county_officer_and_unknown_kind(client, county_officer, bureau_officer):
    record = call(bureau_officer)
    client.force_login(county_officer)
    refused = client.post("/api/v1/documents", json.dumps({"kind": "call", "record_id": record.pk}),
                          content_type="application/json")
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    unknown = client.post("/api/v1/documents", json.dumps({"kind": "memo", "record_id": record.pk}),
                          content_type="application/json")
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown_kind"
