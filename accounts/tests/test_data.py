"""The candidate's own data: export everything, delete everything."""

import json
import zipfile
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import DataExport, User
from interviews.models import Cheatsheet, InterviewSession, ReportPdf, ScoreRun, TranscriptTurn, VideoCall, VideoEvent
from interviews.tests.factories import CheatsheetFactory, ScoreRunFactory, TurnFactory, ready_session
from resumes.models import JobDescription, Resume
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def _everything(user):
    resume = ResumeFactory(user=user, kind=Resume.Kind.PDF, original_filename="Ada CV.pdf", name="Ada Example — Engineer",
                           corrections={"contact": {"phone": "+44 20 7946 0000"}})
    resume.file.save("cv.pdf", ContentFile(b"%PDF-1.4 fake resume bytes"), save=True)
    job = JobFactory(user=user)
    session = ready_session(user, questions=2, resume=resume, job=job, status=InterviewSession.Status.SCORED,
                            mode=InterviewSession.Mode.VIDEO, conversation_id="c0ffee-ada",
                            livekit_room="saylo-interview-ada", end_reason="completed")
    TurnFactory(session=session, seq=1, question=session.questions.first(), text="My answer about Kafka.")
    cheatsheet = CheatsheetFactory(session=session)
    cheatsheet.pdf.save("sheet.pdf", ContentFile(b"%PDF-1.4 cheatsheet"), save=True)
    run = ScoreRunFactory(session=session, score=77)
    ReportPdf.objects.create(run=run).file.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)
    token = VideoCall.objects.get(session=session).callback_token
    VideoEvent.objects.create(session=session, source=VideoEvent.Source.ROOM, kind="room.consent", key="consent",
                              payload={"recording": False})
    VideoEvent.objects.create(session=session, source=VideoEvent.Source.TAVUS, kind="system.shutdown", key="shutdown",
                              payload={"properties": {"shutdown_reason": "participant_left",
                                                      "echo": f"https://saylo.example/video/callback/{token}/"}})
    return resume, job, session, cheatsheet


def _exported(client, run_work) -> DataExport:
    with run_work():
        client.post(reverse("accounts:export"))
    return DataExport.objects.get()


def test_export_contains_every_record_and_file(client_user, user, run_work):
    resume, job, session, _ = _everything(user)
    export = _exported(client_user, run_work)
    response = client_user.get(reverse("accounts:export_download", args=[export.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"README.txt", "profile.json", "resumes.json", "jobs.json", f"interviews/{session.pk}.json",
            f"cheatsheets/interview-{session.pk}.pdf", f"resumes/{resume.pk}-Ada CV.pdf"} <= names
    assert json.loads(archive.read("profile.json"))["email"] == user.email
    assert archive.read(f"resumes/{resume.pk}-Ada CV.pdf") == b"%PDF-1.4 fake resume bytes"
    assert json.loads(archive.read("jobs.json"))[0]["title"] == job.title
    exported = json.loads(archive.read("resumes.json"))[0]  # the candidate's name for it and their corrections too
    assert exported["name"] == "Ada Example — Engineer" and exported["corrections"]["contact"]["phone"] == "+44 20 7946 0000"
    interview = json.loads(archive.read(f"interviews/{session.pk}.json"))
    assert interview["transcript"][0]["text"] == "My answer about Kafka."
    assert interview["score_runs"][0]["score"] == 77 and len(interview["questions"]) == 2
    assert interview["video_call"] == {"tavus_conversation_id": "c0ffee-ada", "livekit_room": "saylo-interview-ada",
                                       "avatar_joined_at": None, "end_reason": "completed"}
    run = session.score_runs.get()
    assert interview["score_runs"][0]["report_pdf"] == f"reports/interview-{session.pk}-run-{run.pk}.pdf"
    assert archive.read(f"reports/interview-{session.pk}-run-{run.pk}.pdf") == b"%PDF-1.4 report"
    events = interview["video_events"]
    assert [(e["source"], e["kind"]) for e in events] == [("room", "room.consent"), ("tavus", "system.shutdown")]
    assert events[0]["details"] == {"recording": False}
    assert events[1]["details"]["properties"]["echo"] == "https://saylo.example/video/callback/[removed]/"
    token = VideoCall.objects.get(session=session).callback_token  # a secret between Saylo and Tavus: never exported
    assert not any(token.encode() in archive.read(name) for name in names)


def test_export_holds_nothing_of_other_users(client_user, user, other_user, run_work):
    _everything(other_user)
    export = _exported(client_user, run_work)
    response = client_user.get(reverse("accounts:export_download", args=[export.pk]))
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    assert json.loads(archive.read("resumes.json")) == [] and json.loads(archive.read("jobs.json")) == []
    assert not any(name.startswith("interviews/") for name in archive.namelist())


def test_export_requires_post(client_user):
    assert client_user.get(reverse("accounts:export")).status_code == 405


def test_delete_account_needs_the_password(client_user, user):
    _everything(user)
    response = client_user.post(reverse("accounts:delete"), {"password": "wrong", "confirm": "on"})
    assert "That password is not right." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account_leaves_no_rows_and_no_files(client, user, password, other_user, _private_storage,
                                                    django_capture_on_commit_callbacks):
    _everything(user)
    theirs = _everything(other_user)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), {"password": password, "confirm": "on"})
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=user.pk).exists()
    for model in (Resume, JobDescription, InterviewSession):
        assert not model.objects.filter(user_id=user.pk).exists()
        assert model.objects.filter(user=other_user).count() == 1  # the other candidate keeps theirs
    assert not TranscriptTurn.objects.filter(session__user_id=user.pk).exists()
    assert not VideoCall.objects.filter(session__user_id=user.pk).exists() and VideoCall.objects.count() == 1
    assert (TranscriptTurn.objects.count(), Cheatsheet.objects.count(), ScoreRun.objects.count()) == (1, 1, 1)
    remaining = sorted(p.name for p in _private_storage.rglob("*") if p.is_file())
    their_report = ReportPdf.objects.get(run__session__user=other_user).file.name  # the printed report goes too
    assert remaining == sorted([theirs[0].file.name.split("/")[-1], theirs[3].pdf.name.split("/")[-1],
                                their_report.split("/")[-1]])
    assert client.get(reverse("dashboard")).status_code == 302


def test_purge_expired_resume_files(user, settings, _private_storage, django_capture_on_commit_callbacks):
    settings.RESUME_RETENTION_DAYS = 30
    old = ResumeFactory(user=user, kind=Resume.Kind.PDF)
    old.file.save("old.pdf", ContentFile(b"%PDF old"), save=True)
    Resume.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(days=31))
    new = ResumeFactory(user=user, kind=Resume.Kind.PDF)
    new.file.save("new.pdf", ContentFile(b"%PDF new"), save=True)
    out = StringIO()
    call_command("purge_expired_resumes", "--dry-run", stdout=out)
    assert "Would delete 1" in out.getvalue() and (_private_storage / old.file.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired_resumes", stdout=out)
    old.refresh_from_db()
    assert not old.file and old.file_purged_at is not None and old.text  # what Saylo read is kept
    assert not any(p.name.startswith("old") for p in _private_storage.rglob("*.pdf"))
    assert (_private_storage / new.file.name).exists()


def test_purge_is_off_by_default(settings):
    settings.RESUME_RETENTION_DAYS = 0
    out = StringIO()
    call_command("purge_expired_resumes", stdout=out)
    assert "Retention is off" in out.getvalue()


def test_export_streams_from_a_temporary_file_without_holding_files_in_memory(client_user, user, settings, tmp_path,
                                                                               run_work):
    import os
    import tracemalloc

    from accounts.data import account_export

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "exports")
    os.mkdir(settings.FILE_UPLOAD_TEMP_DIR)
    big = os.urandom(8 * 1024 * 1024)  # incompressible: the zip holds it whole
    resume = ResumeFactory(user=user, kind="pdf", original_filename="big.pdf")
    resume.file.save("big.pdf", ContentFile(big), save=True)
    tracemalloc.start()
    try:
        handle = account_export(user=user)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    try:
        assert peak < 4 * 1024 * 1024  # chunks, never the 8 MB file (nor the zip) in memory
        assert os.listdir(settings.FILE_UPLOAD_TEMP_DIR) == []  # anonymous: nothing to leave behind
        assert zipfile.ZipFile(handle).read(f"resumes/{resume.pk}-big.pdf") == big
    finally:
        handle.close()

    export = _exported(client_user, run_work)
    response = client_user.get(reverse("accounts:export_download", args=[export.pk]))
    assert response.streaming and response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="saylo-data-')
    assert len(b"".join(response.streaming_content)) > len(big)
