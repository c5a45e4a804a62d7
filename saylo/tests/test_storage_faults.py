"""A full disk (or an unreachable bucket) on upload: a clear sentence, no partial file, no row."""

import errno
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.storage import PrivateFileSystemStorage
from interviews.models import Cheatsheet, InterviewSession
from interviews.services.preparation import interview_prepare
from interviews.tests.factories import CheatsheetFactory, ready_session
from resumes.models import JobDescription, Resume
from resumes.tests import samples

pytestmark = pytest.mark.django_db


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.fixture
def tiny_disk(tmp_path, settings):
    """A real 64 KiB tmpfs with one 4 KiB page left free: writes fail with ENOSPC part-way."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root); the simulated full disk below still runs")
    try:
        filler = mount / "filler"
        filler.write_bytes(b"\0" * (60 * 1024))  # leave exactly one page
        root = mount / "private"
        root.mkdir()
        storages = dict(settings.STORAGES)
        storages["default"] = {**storages["default"], "OPTIONS": {"location": root, "base_url": None}}
        settings.STORAGES = storages
        from django.core.files.storage import storages as handler

        handler._storages = {}
        yield root
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_upload_on_a_full_disk_says_so_and_keeps_nothing(client_user, user, tiny_disk):
    response = client_user.post(reverse("resumes:upload"),
                                {"file": SimpleUploadedFile("resume.pdf", samples.multi_page_pdf(3))})
    assert "Saylo could not store your file because the server is out of space. Nothing was saved" in \
        response.content.decode()
    assert Resume.objects.count() == 0
    assert files_under(tiny_disk) == []  # no partial file, no hidden temporary one


def test_stock_file_storage_would_have_left_a_partial_file(tiny_disk):
    """Why core.storage exists: Django's FileSystemStorage writes in place and keeps what it wrote."""
    with pytest.raises(OSError) as raised:
        FileSystemStorage(location=tiny_disk).save("resume.pdf", ContentFile(samples.multi_page_pdf(3)))
    assert raised.value.errno == errno.ENOSPC
    assert [path.stat().st_size for path in files_under(tiny_disk)] == [4096]  # truncated, under the real name


JOB = ("We need a backend engineer to build and run Python services on PostgreSQL and Redis, own the billing "
       "pipeline end to end, measure what matters and mentor two junior engineers in a small product team.")


class _DiskFullAfterFirstChunk(ContentFile):
    def chunks(self, chunk_size=None):
        yield self.read()[:1024]
        raise OSError(errno.ENOSPC, "No space left on device")


class _DiskFullFileAfterFirstChunk(File):
    def chunks(self, chunk_size=None):
        yield self.read(1024)
        raise OSError(errno.ENOSPC, "No space left on device")


def test_setup_form_upload_on_a_full_disk_keeps_the_form_and_saves_nothing(client_user, user, monkeypatch,
                                                                          _private_storage):
    monkeypatch.setattr("resumes.services.File", _DiskFullFileAfterFirstChunk)
    response = client_user.post(reverse("interviews:setup"), {
        "resume_file": SimpleUploadedFile("resume.pdf", samples.one_column_pdf()), "job_title": "Backend Engineer",
        "job_text": JOB, "count": 5, "mix_behavioral": 3, "mix_technical": 3,
        "mix_situational": 1, "mix_resume": 2, "difficulty": "standard", "answer_seconds": 120, "mode": "practice"})
    body = response.content.decode()
    assert response.status_code == 200 and "out of space" in body and "paste your resume text instead" in body
    assert "We need a backend engineer" in body  # what they typed is still in the form
    assert (Resume.objects.count(), JobDescription.objects.count(), InterviewSession.objects.count()) == (0, 0, 0)
    assert files_under(_private_storage) == []


def test_atomic_storage_keeps_nothing_when_a_write_fails_part_way(_private_storage):
    storage = PrivateFileSystemStorage(location=_private_storage)
    with pytest.raises(OSError):
        storage.save("resumes/1/x.pdf", _DiskFullAfterFirstChunk(b"%PDF-" + b"x" * 5000))
    assert files_under(_private_storage) == []
    assert storage.save("resumes/1/x.pdf", ContentFile(b"%PDF-ok")) == "resumes/1/x.pdf"
    assert storage.save("resumes/1/x.pdf", ContentFile(b"%PDF-2")) != "resumes/1/x.pdf"  # never overwrites
    assert (_private_storage / "resumes/1/x.pdf").read_bytes() == b"%PDF-ok"


def test_cheatsheet_pdf_on_a_full_disk_fails_the_step_with_a_reason(user, monkeypatch, _private_storage):
    session = ready_session(user, questions=3)
    CheatsheetFactory(session=session)
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.PREPARING)
    monkeypatch.setattr("interviews.services.preparation.ContentFile", _DiskFullAfterFirstChunk)
    session = interview_prepare(session_id=session.pk)
    assert (session.status, session.failed_step) == (InterviewSession.Status.FAILED, "pdf")
    assert "storage is full or unreachable" in session.failure_reason
    assert not Cheatsheet.objects.get(session=session).pdf and files_under(_private_storage) == []
