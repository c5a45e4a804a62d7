"""Data exports are built by the task worker, kept in private storage for DATA_EXPORT_KEEP_HOURS,
downloadable by their owner only, limited per hour, purged when old, and deleted with the account."""

import zipfile
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import data
from accounts.models import DataExport

pytestmark = pytest.mark.django_db


def _stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def test_asking_for_an_export_answers_at_once_and_the_worker_builds_it(client_user, user, monkeypatch, _private_storage,
                                                                       django_capture_on_commit_callbacks):
    def no_building_here(*args, **kwargs):
        raise AssertionError("the export was built during the request")

    with monkeypatch.context() as patched, django_capture_on_commit_callbacks() as queued:
        patched.setattr(data, "_write_export", no_building_here)
        response = client_user.post(reverse("accounts:export"))
    assert response.status_code == 302 and response.url == reverse("accounts:profile") + "#your-data"
    export = DataExport.objects.get(user=user)
    assert export.status == DataExport.Status.QUEUED and len(queued) == 1 and _stored_files(_private_storage) == []
    page = client_user.get(reverse("accounts:profile")).content.decode()
    assert "Building your export…" in page and 'hx-trigger="every 1s"' in page and "Check again" in page

    queued[0]()  # the task worker
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY and export.size > 0 and export.expires_at > timezone.now()
    assert len(_stored_files(_private_storage)) == 1
    status = client_user.get(reverse("accounts:export_status"), HTTP_HX_REQUEST="true").content.decode()
    assert reverse("accounts:export_download", args=[export.pk]) in status and "hx-trigger" not in status
    download = client_user.get(reverse("accounts:export_download", args=[export.pk]))
    assert download["Content-Type"] == "application/zip"
    assert "profile.json" in zipfile.ZipFile(BytesIO(b"".join(download.streaming_content))).namelist()


def test_another_users_export_is_404(client, user, other_user, run_work):
    client.force_login(other_user)
    with run_work():
        client.post(reverse("accounts:export"))
    export = DataExport.objects.get(user=other_user)
    client.force_login(user)
    assert client.get(reverse("accounts:export_download", args=[export.pk])).status_code == 404


def test_an_expired_export_is_no_longer_offered(client_user, user, run_work):
    with run_work():
        client_user.post(reverse("accounts:export"))
    export = DataExport.objects.get(user=user)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client_user.get(reverse("accounts:export_download", args=[export.pk])).status_code == 404
    assert "has expired and is deleted" in client_user.get(reverse("accounts:profile")).content.decode()


def test_exports_an_hour_are_limited(client_user, user, settings, run_work):
    settings.DATA_EXPORTS_PER_HOUR = 1
    with run_work():
        client_user.post(reverse("accounts:export"))
    with run_work():
        response = client_user.post(reverse("accounts:export"), follow=True)
    assert "You can export your data 1 times an hour" in response.content.decode()
    assert DataExport.objects.filter(user=user).count() == 1


def test_asking_twice_while_it_is_built_makes_one_export(client_user, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        client_user.post(reverse("accounts:export"))
        response = client_user.post(reverse("accounts:export"), follow=True)
    assert len(queued) == 1 and DataExport.objects.count() == 1
    assert "Your export is already being built" in response.content.decode()


def test_a_storage_failure_marks_the_export_failed_with_a_reason(client_user, user, monkeypatch, run_work):
    from core.storage import StorageWriteFailed

    def full_disk(*args, **kwargs):
        raise StorageWriteFailed("Saylo's storage is full just now. Nothing was saved — try again later.")

    monkeypatch.setattr(data, "storage_save", full_disk)
    with run_work():
        client_user.post(reverse("accounts:export"))
    export = DataExport.objects.get()
    assert export.status == DataExport.Status.FAILED and not export.file
    assert "storage is full" in client_user.get(reverse("accounts:profile")).content.decode()


def test_purge_deletes_old_exports_and_their_files(user, other_user, settings, _private_storage,
                                                   django_capture_on_commit_callbacks):
    settings.DATA_EXPORT_KEEP_HOURS = 24
    now = timezone.now()
    old = DataExport.objects.create(user=user, status=DataExport.Status.READY, expires_at=now - timedelta(hours=1))
    old.file.save("old.zip", ContentFile(b"PK old"), save=True)
    fresh = DataExport.objects.create(user=other_user, status=DataExport.Status.READY, expires_at=now + timedelta(hours=5))
    fresh.file.save("fresh.zip", ContentFile(b"PK fresh"), save=True)
    failed = DataExport.objects.create(user=user, status=DataExport.Status.FAILED, error="x")
    DataExport.objects.filter(pk=failed.pk).update(requested_at=now - timedelta(hours=25))
    out = StringIO()
    call_command("purge_data_exports", "--dry-run", stdout=out)
    assert "Would delete 2 data export(s)." in out.getvalue() and DataExport.objects.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_data_exports", stdout=out)
    assert list(DataExport.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert [path.name for path in _stored_files(_private_storage)] == [fresh.file.name.split("/")[-1]]


def test_deleting_the_account_deletes_its_exports_and_their_files(client, user, password, _private_storage, run_work,
                                                                  django_capture_on_commit_callbacks):
    client.force_login(user)
    with run_work():
        client.post(reverse("accounts:export"))
    assert len(_stored_files(_private_storage)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:delete"), {"password": password, "confirm": "on"})
    assert not DataExport.objects.exists() and _stored_files(_private_storage) == []


def test_an_export_whose_worker_died_does_not_block_a_new_one(client_user, user, settings,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():  # queued, and its worker dies
        client_user.post(reverse("accounts:export"))
    lost = DataExport.objects.get()
    DataExport.objects.filter(pk=lost.pk).update(
        status=DataExport.Status.BUILDING,
        requested_at=timezone.now() - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS + 60))
    with django_capture_on_commit_callbacks(execute=True):
        client_user.post(reverse("accounts:export"))
    lost.refresh_from_db()
    assert lost.status == DataExport.Status.FAILED and "stopped before it was built" in lost.error
    assert DataExport.objects.exclude(pk=lost.pk).get().status == DataExport.Status.READY
