"""Private files on an S3-compatible bucket (moto's server mode on a free 127.0.0.1 port): stored
there, streamed only to their owner through the authenticated views, never given a public URL."""

import io

import boto3
import pdfplumber
import pytest
from botocore.config import Config
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.storage import PrivateS3Storage
from interviews.models import Cheatsheet, InterviewSession
from interviews.services.preparation import interview_prepare
from interviews.tests.factories import SessionFactory
from resumes.models import Resume
from resumes.tests import samples

pytestmark = pytest.mark.django_db
BUCKET = "saylo-private-test"


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _client(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                        aws_secret_access_key="test")


def _use_bucket(settings, endpoint, **extra):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "core.storage.PrivateS3Storage", "OPTIONS": {
        "bucket_name": BUCKET, "location": "private", "endpoint_url": endpoint, "region_name": "us-east-1",
        "access_key": "test", "secret_key": "test", "addressing_style": "path", **extra}}}
    storages._storages = {}


@pytest.fixture
def bucket(settings, s3_endpoint, _private_storage):
    client = _client(s3_endpoint)
    client.create_bucket(Bucket=BUCKET)
    _use_bucket(settings, s3_endpoint)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)
    storages._storages = {}


def _keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_upload_lands_in_the_bucket_and_streams_only_to_its_owner(client_user, user, other_user, password, client,
                                                                  bucket, _private_storage):
    data = samples.one_column_pdf()
    client_user.post(reverse("resumes:upload"), {"file": SimpleUploadedFile("Maya Resume.pdf", data)})
    resume = Resume.objects.get(user=user)
    assert _keys(bucket) == [f"private/{resume.file.name}"] and "Maya" not in resume.file.name
    assert not any(path.is_file() for path in _private_storage.rglob("*"))  # nothing on local disk
    head = bucket.head_object(Bucket=BUCKET, Key=f"private/{resume.file.name}")
    assert head["ContentLength"] == len(data)

    url = reverse("resumes:download", args=[resume.pk])
    response = client_user.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == data
    assert response["Cache-Control"] == "private, no-store" and response["Content-Length"] == str(len(data))
    assert 'attachment; filename="Maya Resume.pdf"' in response["Content-Disposition"]
    assert "amazonaws" not in str(response.headers) and "X-Amz" not in str(response.headers)

    client.force_login(other_user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_private_files_have_no_url(bucket):
    with pytest.raises(NotImplementedError):
        storages["default"].url("resumes/1/x.pdf")


def test_cheatsheet_pdf_is_written_to_and_served_from_the_bucket(client_user, user, bucket):
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING)
    interview_prepare(session_id=session.pk)
    cheatsheet = Cheatsheet.objects.get(session=session)
    assert f"private/{cheatsheet.pdf.name}" in _keys(bucket)
    response = client_user.get(reverse("interviews:cheatsheet_pdf", args=[session.pk]) + "?inline=1")
    assert response["Content-Disposition"].startswith("inline")
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as pdf:
        assert "Interview cheatsheet" in pdf.pages[0].extract_text()


def test_deleting_a_resume_deletes_its_object(client_user, user, bucket, django_capture_on_commit_callbacks):
    client_user.post(reverse("resumes:upload"), {"file": SimpleUploadedFile("resume.pdf", samples.one_column_pdf())})
    resume = Resume.objects.get(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        client_user.post(reverse("resumes:delete", args=[resume.pk]))
    assert _keys(bucket) == [] and Resume.objects.count() == 0


def test_an_unreachable_bucket_refuses_the_upload_clearly_and_keeps_nothing(client_user, user, settings, s3_endpoint):
    _use_bucket(settings, "http://127.0.0.1:9", client_config=Config(connect_timeout=1, retries={"max_attempts": 1}))
    response = client_user.post(reverse("resumes:upload"),
                                {"file": SimpleUploadedFile("resume.pdf", samples.one_column_pdf())})
    assert "Saylo could not store your file just now. Nothing was saved" in response.content.decode()
    assert Resume.objects.count() == 0
    storages._storages = {}


def test_settings_switch_to_the_bucket_when_storage_bucket_is_set(monkeypatch):
    import importlib

    import saylo.settings as module

    monkeypatch.setenv("STORAGE_BUCKET", "saylo-files")
    monkeypatch.setenv("STORAGE_ENDPOINT_URL", "http://minio:9000")
    monkeypatch.setenv("STORAGE_ADDRESSING_STYLE", "path")
    try:
        fresh = importlib.reload(module)
        default = fresh.STORAGES["default"]
        assert default["BACKEND"] == "core.storage.PrivateS3Storage"
        assert default["OPTIONS"]["bucket_name"] == "saylo-files"
        assert default["OPTIONS"]["endpoint_url"] == "http://minio:9000"
        assert PrivateS3Storage.default_acl == "private" and PrivateS3Storage.file_overwrite is False
    finally:
        monkeypatch.delenv("STORAGE_BUCKET")
        importlib.reload(module)
    assert module.STORAGES["default"]["BACKEND"] == "core.storage.PrivateFileSystemStorage"
