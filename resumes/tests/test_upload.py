"""Uploading resumes: validated by content, stored privately, refused files leave nothing behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resumes.models import Resume
from resumes.tests import samples

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, name: str = "resume.pdf", **extra):
    return client.post(reverse("resumes:upload"), {"file": SimpleUploadedFile(name, data)}, **extra)


def _stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def test_upload_pdf_reads_it_and_stores_privately(client_user, user, _private_storage, run_work):
    with run_work():
        response = _upload(client_user, samples.one_column_pdf(), "Maya Resume.pdf")
    resume = Resume.objects.get(user=user)
    assert response.url == reverse("resumes:detail", args=[resume.pk])
    assert resume.kind == Resume.Kind.PDF and resume.is_usable and resume.pages == 1
    assert resume.skills_count > 3 and resume.original_filename == "Maya Resume.pdf"
    files = _stored_files(_private_storage)
    assert len(files) == 1 and "Maya" not in files[0].name  # the stored name never carries the original one
    assert (files[0].stat().st_mode & 0o077) == 0  # readable by the app only


def test_upload_answers_at_once_and_the_worker_reads_it(client_user, user, _private_storage,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        response = _upload(client_user, samples.one_column_pdf(), "Maya Resume.pdf")
    resume = Resume.objects.get(user=user)
    # Stored and queued, not read: the request never waits on the reader.
    assert response.status_code == 302 and response.url == reverse("resumes:detail", args=[resume.pk])
    assert resume.parse_status == Resume.Status.READING and resume.skills_count == 0 and resume.text == ""
    assert resume.read_attempts == 1 and resume.read_queued_at is not None
    assert len(_stored_files(_private_storage)) == 1 and len(queued) == 1
    page = client_user.get(response.url).content.decode()
    assert "Reading your resume…" in page and 'hx-trigger="every 1s"' in page and "Check again" in page

    queued[0]()  # what the task worker does once the request's transaction committed
    resume.refresh_from_db()
    assert resume.is_usable and resume.skills_count > 3 and resume.read_started_at is None
    page = client_user.get(response.url).content.decode()
    assert "Reading your resume…" not in page and "This is what Saylo understood" in page


def test_the_reading_note_polls_until_the_resume_is_read(client_user, user, htmx_headers,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        _upload(client_user, samples.one_column_pdf())
    resume = Resume.objects.get(user=user)
    url = reverse("resumes:detail", args=[resume.pk]) + "?show=reading"
    waiting = client_user.get(url, **htmx_headers)
    body = waiting.content.decode()
    assert waiting.status_code == 200 and "<html" not in body and 'id="reading"' in body and "Reading your resume…" in body
    queued[0]()
    done = client_user.get(url, **htmx_headers)
    assert done.headers["HX-Refresh"] == "true"  # the whole page, now with what was read


@pytest.mark.django_db(transaction=True)
def test_upload_queues_the_read_in_its_own_transaction(client_user, user, settings):
    from django_tasks import task_backends
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    _upload(client_user, samples.one_column_pdf())
    task_row = DBTaskResult.objects.get()
    resume = Resume.objects.get(user=user)
    assert task_row.task_path == "resumes.tasks.read_resume" and task_row.args_kwargs["args"] == [resume.pk]
    assert resume.is_reading


def test_upload_two_column_pdf_keeps_columns_apart(client_user, user, run_work):
    with run_work():
        _upload(client_user, samples.two_column_pdf())
    resume = Resume.objects.get(user=user)
    parsed = resume.as_parsed()
    assert {"experience", "skills"} <= set(parsed.sections)
    assert parsed.experience and parsed.experience[0].company


def test_upload_docx(client_user, user, run_work):
    with run_work():
        _upload(client_user, samples.resume_docx(), "cv.docx")
    resume = Resume.objects.get(user=user)
    assert resume.kind == Resume.Kind.DOCX and resume.is_usable and resume.skills_count > 0


@pytest.mark.parametrize("make, name, message", [
    (samples.encrypted_pdf, "resume.pdf", "password-protected"),
    (samples.image_only_pdf, "scan.pdf", "this server cannot read scans"),
    (samples.corrupt_pdf, "resume.pdf", "damaged"),
    (samples.renamed_exe, "resume.pdf", "not a PDF or Word document"),
    (samples.renamed_png, "resume.docx", "not a PDF or Word document"),
])
def test_bad_files_are_refused_with_the_reason_and_no_stored_file(client_user, user, _private_storage, run_work,
                                                                   settings, make, name, message):
    settings.RESUME_OCR_PAGES = 0  # a scan is refused where OCR is off (test_scan.py reads one where it is on)
    with run_work():
        uploaded = _upload(client_user, make(), name)
    resume = Resume.objects.get(user=user)
    response = client_user.get(uploaded.url)
    assert response.status_code == 200 and message in response.content.decode()
    assert resume.parse_status == Resume.Status.FAILED and message in resume.parse_error and not resume.file
    assert _stored_files(_private_storage) == []  # no orphan file


def test_the_same_refused_file_uploaded_again_replaces_the_failed_resume(client_user, user, _private_storage, run_work):
    with run_work():
        _upload(client_user, samples.corrupt_pdf())
    first = Resume.objects.get(user=user)
    with run_work():
        _upload(client_user, samples.corrupt_pdf())
    second = Resume.objects.get(user=user)
    assert second.pk != first.pk and second.parse_status == Resume.Status.FAILED
    assert _stored_files(_private_storage) == []


def test_oversized_file_is_refused(client_user, user, settings, _private_storage):
    settings.RESUME_MAX_BYTES = 20_000
    response = _upload(client_user, samples.multi_page_pdf(6) + b"\0" * 30_000)
    assert "larger than" in response.content.decode()
    assert not Resume.objects.exists() and _stored_files(_private_storage) == []


def test_too_many_pages_is_refused(client_user, user, settings, _private_storage, run_work):
    settings.RESUME_MAX_PAGES = 2
    with run_work():
        uploaded = _upload(client_user, samples.multi_page_pdf(3))
    response = client_user.get(uploaded.url)
    assert "This PDF has 3 pages; we read resumes of up to 2 pages" in response.content.decode()
    assert Resume.objects.get().parse_status == Resume.Status.FAILED and _stored_files(_private_storage) == []


def test_same_file_twice_is_stored_once(client_user, user, _private_storage):
    data = samples.one_column_pdf()
    _upload(client_user, data)
    response = _upload(client_user, data, "copy.pdf", follow=True)
    assert Resume.objects.filter(user=user).count() == 1 and len(_stored_files(_private_storage)) == 1
    assert "Nothing was stored twice" in response.content.decode()


def test_same_file_for_two_users_is_two_resumes(client, user, other_user):
    data = samples.one_column_pdf()
    for person in (user, other_user):
        client.force_login(person)
        _upload(client, data)
    assert Resume.objects.count() == 2


def test_htmx_upload_redirects_the_client_or_returns_the_form_with_errors(client_user, user, htmx_headers):
    ok = _upload(client_user, samples.one_column_pdf(), **htmx_headers)
    assert ok.headers["HX-Redirect"] == reverse("resumes:detail", args=[Resume.objects.get().pk])
    bad = _upload(client_user, b"", **htmx_headers)
    body = bad.content.decode()
    assert 'id="upload-form"' in body and "<html" not in body and "empty" in body


def test_parser_crash_stores_resume_as_failed_without_500(client_user, user, monkeypatch, run_work):
    from resumes import services
    from resumes.reading.sandbox import ReaderCrashed

    def crash(*args, **kwargs):  # what the sandbox raises when the reader's child process hits a bug
        raise ReaderCrashed("pdf", "RuntimeError: parser bug")

    monkeypatch.setattr(services, "read_resume_file", crash)
    with run_work():
        uploaded = _upload(client_user, samples.one_column_pdf())
    response = client_user.get(uploaded.url)
    resume = Resume.objects.get(user=user)
    assert response.status_code == 200
    assert resume.parse_status == Resume.Status.FAILED and "could not work out its structure" in resume.parse_error
    assert resume.file  # kept so staff can re-parse it after a fix


def test_admin_reparse_action(client, user, django_user_model, django_capture_on_commit_callbacks):
    from resumes.services import resume_upload

    admin = django_user_model.objects.create_superuser("boss@example.com", "pw-long-enough-1")
    resume = resume_upload(user=user, data=samples.one_column_pdf(), filename="a.pdf").resume  # stored, not read
    Resume.objects.filter(pk=resume.pk).update(skills=[], parse_status=Resume.Status.FAILED, parse_error="old")
    client.force_login(admin)
    with django_capture_on_commit_callbacks() as queued:
        client.post(reverse("admin:resumes_resume_changelist"), {"action": "reparse", "_selected_action": [resume.pk]})
    resume.refresh_from_db()
    assert len(queued) == 1 and resume.parse_status == Resume.Status.FAILED  # queued: the request read nothing
    queued[0]()  # the task worker
    resume.refresh_from_db()
    assert resume.is_usable and resume.skills_count > 0 and resume.parse_error == ""
    assert user.email in client.get(reverse("admin:resumes_resume_changelist"), {"q": user.email}).content.decode()


def test_a_scanned_resume_is_read_and_its_page_asks_the_candidate_to_check_it(client_user, user, _private_storage,
                                                                              run_work, settings):
    from resumes.reading.evaluation import make_scan
    from resumes.reading.scan import find_tesseract

    if not find_tesseract():
        pytest.skip("Tesseract OCR is not installed here (scripts/ensure-tesseract installs it)")
    settings.RESUME_PARSE_SECONDS = 20
    with run_work():
        uploaded = _upload(client_user, make_scan(samples.one_column_pdf(), dpi=200), "scan.pdf")
    resume = Resume.objects.get(user=user)
    assert resume.is_usable and resume.as_parsed().scanned_pages == 1
    page = client_user.get(uploaded.url).content.decode()
    assert "Maya Patel" in page and "read from a scanned image" in page
