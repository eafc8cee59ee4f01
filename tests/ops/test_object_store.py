"""Uploads on an S3-compatible object store (TICMS_S3_BUCKET), against a real local S3 server (moto's server
mode, from PyPI): stored under their digest, downloaded through the scoped view, removed when the service fails,
and carried by backup and restore through the real command line."""

import hashlib
import socket
import uuid

import boto3
import pytest
from moto.server import ThreadedMotoServer

from ticms.applications import services

from ..applications.factories import PDF, new_application, pdf
from ..test_storedfiles import upload_then_fail
from .test_backup_restore import backup

KEYS = {"TICMS_S3_ACCESS_KEY": "ticms-test", "TICMS_S3_SECRET_KEY": "ticms-test-secret",
        "TICMS_S3_REGION": "cn-north-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    """A new, empty bucket; yields (its name, a boto3 client to look into it from outside ticms)."""
    name = f"ticms-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id=KEYS["TICMS_S3_ACCESS_KEY"],
                          aws_secret_access_key=KEYS["TICMS_S3_SECRET_KEY"], region_name=KEYS["TICMS_S3_REGION"])
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": KEYS["TICMS_S3_REGION"]})
    return name, client


def keys_in(client, name: str) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=name, Key=o["Key"])["Body"].read() for o in listed}


@pytest.fixture
def uploads_in_bucket(settings, bucket, s3_endpoint):
    """The settings `TICMS_S3_*` make, applied to this process (ticms.settings builds the same dict)."""
    name, client = bucket
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": name, "endpoint_url": s3_endpoint, "region_name": KEYS["TICMS_S3_REGION"],
        "access_key": KEYS["TICMS_S3_ACCESS_KEY"], "secret_key": KEYS["TICMS_S3_SECRET_KEY"],
        "default_acl": None, "querystring_auth": True, "file_overwrite": False, "addressing_style": "path"}}}
    return name, client


@pytest.mark.django_db
def test_an_attachment_goes_to_the_bucket_under_its_digest_and_downloads_through_the_scoped_view(
        uploads_in_bucket, applicant, other_applicant, organisation, client):
    name, s3 = uploads_in_bucket
    app = new_application(applicant, organisation)
    att = services.add_attachment(actor=applicant, application=app, kind="business_licence", upload=pdf("营业执照.pdf"))
    assert keys_in(s3, name) == {f"applications/{app.pk}/{hashlib.sha256(PDF).hexdigest()}": PDF}

    url = f"/applications/{app.pk}/attachments/{att.pk}/"
    client.force_login(applicant)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(other_applicant)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_service_failing_after_the_upload_leaves_no_object(uploads_in_bucket, applicant, organisation):
    name, s3 = uploads_in_bucket
    upload_then_fail(applicant, organisation)
    assert keys_in(s3, name) == {}


def test_backup_and_restore_carry_the_bucket(make_install, tmp_path, bucket, s3_endpoint):
    name, s3 = bucket
    install = make_install()
    install.env.update(KEYS, TICMS_S3_BUCKET=name, TICMS_S3_ENDPOINT=s3_endpoint)
    assert install.ticms("migrate", "-v", "0").returncode == 0
    assert install.ticms("demo").returncode == 0
    s3.put_object(Bucket=name, Key="applications/1/licence", Body=b"%PDF-1.4 original")
    s3.put_object(Bucket=name, Key="documents/notice.pdf", Body=b"%PDF-1.4 notice")
    made = backup(install, tmp_path / "backups")
    # The bucket's files are in the archive, with their digests, as a filesystem installation's would be.
    manifest = (made / "manifest.json").read_text()
    assert hashlib.sha256(b"%PDF-1.4 original").hexdigest() in manifest and "documents/notice.pdf" in manifest

    # After the backup: one file changed, one lost, one new.
    s3.put_object(Bucket=name, Key="applications/1/licence", Body=b"changed")
    s3.delete_object(Bucket=name, Key="documents/notice.pdf")
    s3.put_object(Bucket=name, Key="applications/2/later", Body=b"later")

    restored = install.ticms("restore", str(made), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "audit chain OK" in restored.stdout
    found = keys_in(s3, name)
    assert found["applications/1/licence"] == b"%PDF-1.4 original"
    assert found["documents/notice.pdf"] == b"%PDF-1.4 notice"
    # What the restore replaced is kept beside, and what the backup does not know stays.
    kept = [k for k in found if k.startswith("pre-restore-")]
    assert [found[k] for k in kept] == [b"changed"] and kept[0].endswith("/applications/1/licence")
    assert found["applications/2/later"] == b"later"
    assert "the uploaded files before the restore are kept in the object store under pre-restore-" in restored.stdout
    assert install.ticms("audit", "verify").stdout.startswith("OK ")
