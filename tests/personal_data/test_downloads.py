"""Every download of an attachment or an issued document is an audit event: who, what, from where."""

import pytest

from ticms.applications.models import Attachment
from ticms.audit.models import Event

from ..applications.factories import complete_application

pytestmark = pytest.mark.django_db


def test_downloading_an_application_attachment_is_audited(client, applicant, organisation):
    app = complete_application(applicant, organisation)
    att = Attachment.objects.filter(application=app).first()
    client.force_login(applicant)
    response = client.get(f"/applications/{app.pk}/attachments/{att.pk}/", REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 200
    event = Event.objects.get(action="attachment.download")
    assert (event.actor, event.ip, event.data["name"]) == (applicant, "10.0.0.7", att.original_name)


def test_a_refused_download_is_not_recorded_as_one(client, applicant, organisation):
    app = complete_application(applicant, organisation)
    att = Attachment.objects.filter(application=app).first()
    assert client.get(f"/applications/{app.pk}/attachments/{att.pk}/").status_code == 302  # to the sign-in page
    assert not Event.objects.filter(action="attachment.download").exists()


def test_downloading_an_issued_document_is_audited(client, bureau_officer, organisation):
    from ticms.documents.models import IssuedDocument

    from ..documents.records import decided_notice

    notice, _ = decided_notice(bureau_officer, organisation)
    client.force_login(bureau_officer)
    client.post("/documents/issue/", {"kind": "recognition", "record_id": notice.pk,
                                      "next": notice.get_absolute_url()})
    doc = IssuedDocument.objects.get(kind="recognition")
    assert client.get(f"/documents/{doc.pk}/pdf/").status_code == 200
    assert client.get(f"/api/v1/documents/{doc.pk}/docx").status_code == 200
    assert [e["via"] for e in Event.objects.filter(action="attachment.download").order_by("seq")
            .values_list("data", flat=True)] == ["page", "api"]
