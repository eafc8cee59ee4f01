"""Every uploaded file kept with a record is a StoredFile, stored one way, and a failed upload leaves no file."""

import datetime
import hashlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor

from ticms.applications.models import Attachment
from ticms.centers.models import ChangeAttachment
from ticms.documents.uploads import stores_files
from ticms.errors import ServiceError
from ticms.evaluations.models import EvaluationAttachment
from ticms.storedfiles import StoredFile, store_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_every_uploaded_file_model_is_a_stored_file():
    uploads = [
        m
        for m in apps.get_models()
        if m._meta.app_label.startswith(("applications", "centers", "evaluations", "notices", "reviews", "calls"))
        and any(f.name == "file" for f in m._meta.fields)
    ]
    assert sorted(m.__name__ for m in uploads) == ["Attachment", "CallFile", "ChangeAttachment", "EvaluationAttachment"]
    assert all(issubclass(m, StoredFile) for m in uploads)


@pytest.mark.django_db
def test_a_file_is_stored_under_its_digest_with_its_facts(applicant, organisation, media):
    from tests.applications.factories import new_application

    app = new_application(applicant, organisation)
    att = store_upload(
        Attachment(application=app, kind="other"), SimpleUploadedFile("../../营业执照.pdf", PDF), uploaded_by=applicant
    )
    digest = hashlib.sha256(PDF).hexdigest()
    assert att.file.name == f"applications/{app.pk}/{digest}"
    assert (att.original_name, att.size, att.content_type, att.sha256) == (
        "营业执照.pdf",
        len(PDF),
        "application/pdf",
        digest,
    )
    assert len(att.sm3) == 64 and att.uploaded_by == applicant and att.uploaded_at
    assert files_under(media) == [media / att.file.name]


@pytest.mark.django_db
def test_a_failed_row_write_leaves_no_file(applicant, media):
    with pytest.raises(IntegrityError):
        store_upload(Attachment(kind="other"), SimpleUploadedFile("a.pdf", PDF), uploaded_by=applicant)
    assert files_under(media) == []


def upload_then_fail(applicant, organisation) -> None:
    """A service that stores an attachment and then fails (its audit event, say): whatever storage holds the
    uploads, the file must go with the rolled-back row (also run against an object store, tests/ops)."""
    from tests.applications.factories import new_application

    app = new_application(applicant, organisation)

    @stores_files
    def service():
        store_upload(Attachment(application=app, kind="other"), SimpleUploadedFile("a.pdf", PDF), uploaded_by=applicant)
        raise ServiceError("later", "审计记录写入失败")

    with pytest.raises(ServiceError):
        service()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_a_service_failing_after_the_upload_leaves_no_file(applicant, organisation, media):
    upload_then_fail(applicant, organisation)
    assert files_under(media) == []


@pytest.mark.django_db
def test_a_refused_file_writes_nothing(applicant, media):
    with pytest.raises(ServiceError) as exc:
        store_upload(Attachment(kind="other"), SimpleUploadedFile("a.pdf", b"not a pdf"), uploaded_by=applicant)
    assert exc.value.error == "file_content_mismatch" and files_under(media) == []
    with pytest.raises(ServiceError) as exc:
        store_upload(Attachment(kind="other"), None, uploaded_by=applicant)
    assert exc.value.error == "file_required"


def _migrate(app_label: str, name: str):
    executor = MigrationExecutor(connection)
    executor.migrate([(app_label, name)])
    return executor.loader.project_state([(app_label, name)]).apps


def _migrate_to_latest(app_label: str) -> None:
    """Back to the app's newest migration, whatever was added after the one under test: the next tests in this
    process share the database."""
    executor = MigrationExecutor(connection)
    executor.migrate([node for node in executor.loader.graph.leaf_nodes() if node[0] == app_label])


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_the_name_of_an_evaluation_attachment_stored_before(applicant, organisation, bureau_officer):
    from tests.evaluations.factories import make_center, open_round

    year = datetime.date.today().year
    make_center(bureau_officer, organisation, recognized_on=datetime.date(year - 3, 3, 1))
    evaluation = open_round(bureau_officer, year).evaluations.get()
    old = _migrate("evaluations", "0002_attachment_sm3")
    try:
        old.get_model("evaluations", "EvaluationAttachment").objects.create(
            evaluation_id=evaluation.pk,
            name="审计报告.pdf",
            file="evaluations/2026/审计报告.pdf",
            sha256="a" * 64,
            sm3="b" * 64,
            size=123,
            uploaded_by_id=applicant.pk,
        )
    finally:
        _migrate_to_latest("evaluations")
    att = EvaluationAttachment.objects.get()
    assert (att.original_name, att.file.name, att.size, att.content_type) == (
        "审计报告.pdf",
        "evaluations/2026/审计报告.pdf",
        123,
        "",
    )


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_the_name_of_a_change_attachment_stored_before(applicant, organisation):
    from tests.centers.factories import make_center
    from ticms.centers import operations

    center = make_center(organisation)
    cr = operations.create_change_request(
        actor=applicant, center=center, kind="rename", new_name="朔州市新型储能技术创新中心", reasons="改名"
    )
    old = _migrate("centers", "0004_list_indexes")
    try:
        old.get_model("centers", "ChangeAttachment").objects.create(
            change_request_id=cr.pk,
            name="书面申请.pdf",
            file="centers/changes/2026/书面申请.pdf",
            size=99,
            content_type="application/pdf",
            sha256="a" * 64,
            sm3="",
            uploaded_by_id=applicant.pk,
        )
    finally:
        _migrate_to_latest("centers")
    att = ChangeAttachment.objects.get()
    assert (att.original_name, att.size, att.content_type) == ("书面申请.pdf", 99, "application/pdf")
