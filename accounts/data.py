"""The candidate's own data: export everything as a zip, or delete everything.

Lives in accounts because the account is what ties it together; it reads the other apps'
models but they never import this. An export is asked for on the profile page
(`data_export_request`), built by the task worker (`data_export_build`: a 75 MB zip took a web
worker 4 s, and three at once held every one) into private storage, offered for download to its
owner until DATA_EXPORT_KEEP_HOURS have passed, then deleted (`data_exports_purge`).
"""

import json
import logging
import shutil
import tempfile
import zipfile
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.files.base import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from accounts.models import DataExport
from core.storage import StorageWriteFailed, storage_save
from core.work import DATA_EXPORT, work_request

logger = logging.getLogger("saylo.accounts")

EXPORT_FAILED = "Saylo could not build your export this time. Nothing was lost — ask for a new one in a moment."
EXPORT_LOST = "This export stopped before it was built. A new one was asked for."

README = """Your Saylo Hire data, exported {when}.

profile.json          your account and profile
resumes.json          each resume: what Saylo read from it and your corrections
resumes/              the files you uploaded, under their original names
jobs.json             the job postings you added and their analysis
interviews/<id>.json  each interview: settings, questions, transcript, cheatsheet, every score run,
                      and for a video interview its call (conversation, room, why it stopped) and
                      what happened in it (your consent, the interviewer joining, Tavus's notices)
cheatsheets/          the cheatsheet PDFs
reports/              the printed reports of your score runs
"""


def _dump(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _without_secret(value, secret: str | None):
    """An event's details as stored, with the call's callback token (a secret between Saylo and Tavus,
    which a notice could quote back in a URL) taken out wherever it appears."""
    if not secret:
        return value
    if isinstance(value, dict):
        return {key: _without_secret(item, secret) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_secret(item, secret) for item in value]
    return value.replace(secret, "[removed]") if isinstance(value, str) else value


def _safe_name(name: str, fallback: str) -> str:
    base = PurePosixPath(name or fallback).name.replace("\\", "_")
    return "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')[:120] or fallback


def _copy_into(archive: zipfile.ZipFile, name: str, field_file) -> None:
    """Stream a stored file into the archive in chunks (never whole in memory)."""
    with field_file.open("rb") as source, archive.open(name, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, length=1024 * 1024)


def account_export(*, user) -> IO[bytes]:
    """Every record and file of `user` as a zip of JSON and files, written to an anonymous temporary
    file (gone as soon as it is closed, or the process ends) and returned open at its start for
    streaming. Memory stays flat however many files and interviews there are."""
    buffer = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR or None)  # noqa: SIM115 - the caller closes it
    try:
        _write_export(buffer, user=user)
    except BaseException:
        buffer.close()
        raise
    buffer.seek(0)
    return buffer


def _write_export(buffer: IO[bytes], *, user) -> None:
    from interviews.models import InterviewSession
    from resumes.models import JobDescription, Resume

    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(when=timezone.now().isoformat(timespec="seconds")))
        archive.writestr("profile.json", _dump({
            "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "target_role": user.target_role, "date_joined": user.date_joined, "last_login": user.last_login,
        }))
        resumes = []
        for resume in Resume.objects.filter(user=user).order_by("uploaded_at").iterator(chunk_size=50):
            file_path = ""
            if resume.file:
                file_path = f"resumes/{resume.pk}-{_safe_name(resume.original_filename, f'resume.{resume.kind}')}"
                _copy_into(archive, file_path, resume.file)
            resumes.append({
                "id": resume.pk, "name": resume.display_name, "kind": resume.kind, "file": file_path,
                "uploaded_at": resume.uploaded_at, "pages": resume.pages, "headline": resume.headline,
                "skills": resume.skills, "parse_status": resume.parse_status, "parse_error": resume.parse_error,
                "parsed": resume.parsed, "corrections": resume.corrections, "text": resume.text,
            })
        archive.writestr("resumes.json", _dump(resumes))
        archive.writestr("jobs.json", _dump([
            {"id": job.pk, "title": job.title, "company": job.company, "url": job.url, "text": job.text,
             "requirements": job.requirements, "created_at": job.created_at}
            for job in JobDescription.objects.filter(user=user).order_by("created_at")
        ]))
        sessions = (InterviewSession.objects.filter(user=user).order_by("created_at")
                    .prefetch_related("questions", "turns", "score_runs__report_pdf", "video_events")
                    .select_related("cheatsheet", "video_call"))
        for session in sessions.iterator(chunk_size=50):
            cheatsheet = getattr(session, "cheatsheet", None)
            call = session.video_call_or_none
            pdf_path = ""
            if cheatsheet is not None and cheatsheet.pdf:
                pdf_path = f"cheatsheets/interview-{session.pk}.pdf"
                _copy_into(archive, pdf_path, cheatsheet.pdf)
            reports = {}
            for run in session.score_runs.all():
                printed = getattr(run, "report_pdf", None)
                if printed is not None and printed.file:
                    reports[run.pk] = f"reports/interview-{session.pk}-run-{run.pk}.pdf"
                    _copy_into(archive, reports[run.pk], printed.file)
            secret = call.callback_token if call else None
            archive.writestr(f"interviews/{session.pk}.json", _dump({
                "id": session.pk, "title": session.title, "mode": session.mode, "status": session.status,
                "created_at": session.created_at, "started_at": session.started_at, "ended_at": session.ended_at,
                "options": session.options, "answer_seconds": session.answer_seconds,
                "resume_id": session.resume_id, "job_id": session.job_id,
                "questions": [{"order": q.order, "kind": q.kind, "competency": q.competency, "text": q.text,
                               "rationale": q.rationale, "strong_answer_points": q.strong_answer_points, "source": q.source}
                              for q in session.questions.all()],
                "transcript": [{"seq": t.seq, "role": t.role, "text": t.text, "question_id": t.question_id,
                                "is_follow_up": t.is_follow_up, "skipped": t.skipped, "started_ms": t.started_ms,
                                "ended_ms": t.ended_ms, "source": t.source} for t in session.turns.all()],
                "cheatsheet": {"content": cheatsheet.content, "pdf": pdf_path} if cheatsheet else None,
                # Never the callback token: it is a secret between Saylo and Tavus, not the candidate's data.
                "video_call": {"tavus_conversation_id": call.conversation_id, "livekit_room": call.livekit_room,
                               "avatar_joined_at": call.avatar_joined_at, "end_reason": call.end_reason}
                if call else None,
                "score_runs": [{"created_at": r.created_at, "score": r.score, "rubric_version": r.rubric_version,
                                "engine": r.engine, "summary": r.summary, "parts": r.parts, "weights": r.weights,
                                "strengths": r.strengths, "improvements": r.improvements, "per_question": r.per_question,
                                "metrics": r.metrics, "trigger": r.trigger, "report_pdf": reports.get(r.pk, "")}
                               for r in session.score_runs.all()],
                "video_events": [{"created_at": e.created_at, "source": e.source, "kind": e.kind,
                                  "details": _without_secret(e.payload, secret)} for e in session.video_events.all()],
            }))


def export_filename(user, when: datetime | None = None) -> str:
    return f"saylo-data-{(when or datetime.now()):%Y%m%d}.zip"


@transaction.atomic
def data_export_request(*, user) -> tuple[DataExport, bool]:
    """Ask for an export of everything of `user`, built by the task worker (queued in this
    transaction). While one is still waiting or being built, that one is returned (`created` False),
    unless it was asked for more than TASK_TIME_LIMIT_SECONDS ago: that one is marked failed."""
    pending = DataExport.objects.filter(user=user, status__in=[DataExport.Status.QUEUED, DataExport.Status.BUILDING]).first()
    lost = timezone.now() - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS)
    if pending is not None and pending.requested_at < lost:
        # Asked for longer ago than any task may run: its worker died or the queue lost it.
        _export_failed(pending.pk, EXPORT_LOST)
    elif pending is not None:
        return pending, False
    export = DataExport.objects.create(user=user)
    work_request(DATA_EXPORT, export.pk)
    return export, True


def data_export_build(*, export_id: int) -> str:
    """The task side: write the zip (`account_export`) and store it privately, ready for
    DATA_EXPORT_KEEP_HOURS. Never raises for a failure of the build or of storage: the export is
    marked failed with a sentence for the candidate. Returns what happened, in a word."""
    claimed = DataExport.objects.filter(pk=export_id, status=DataExport.Status.QUEUED).update(
        status=DataExport.Status.BUILDING, started_at=timezone.now())
    if not claimed:
        return "nothing to do"
    export = DataExport.objects.select_related("user").get(pk=export_id)
    try:
        with account_export(user=export.user) as archive:
            size = archive.seek(0, 2)
            archive.seek(0)
            storage_save(export.file, export_filename(export.user), File(archive))
    except StorageWriteFailed as failed:
        return _export_failed(export_id, failed.message)
    except Exception:
        logger.exception("data export %s failed", export_id)
        return _export_failed(export_id, EXPORT_FAILED)
    now = timezone.now()
    updated = DataExport.objects.filter(pk=export_id, status=DataExport.Status.BUILDING).update(
        status=DataExport.Status.READY, file=export.file.name, size=size, finished_at=now,
        expires_at=now + timedelta(hours=settings.DATA_EXPORT_KEEP_HOURS))
    if not updated:  # the account (or the export) was deleted meanwhile: its file must not stay
        export.file.delete(save=False)
        return "gone"
    return "ready"


def _export_failed(export_id: int, reason: str) -> str:
    DataExport.objects.filter(pk=export_id).update(status=DataExport.Status.FAILED, error=reason,
                                                   finished_at=timezone.now())
    return "failed"


def data_exports_purge(*, now=None, dry_run: bool = False) -> list[DataExport]:
    """Delete exports past their time (ready ones at `expires_at`; failed ones, and ones never built,
    DATA_EXPORT_KEEP_HOURS after they were asked for), rows and files. Returns those (to be) deleted."""
    from django.db.models import Q

    now = now or timezone.now()
    old = now - timedelta(hours=settings.DATA_EXPORT_KEEP_HOURS)
    expired = list(DataExport.objects.filter(Q(expires_at__lt=now) | Q(expires_at__isnull=True, requested_at__lt=old))
                   .select_related("user"))
    if dry_run:
        return expired
    for export in expired:
        with transaction.atomic():
            name, storage = export.file.name, export.file.storage
            export.delete()
            if name:
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return expired


@transaction.atomic
def account_delete(*, user) -> int:
    """Delete the account, every row that belongs to it and, once committed, every file.
    Returns the number of files scheduled for deletion."""
    from interviews.fragments import results_fragments_forget
    from interviews.models import Cheatsheet, ReportPdf, ScoreRun
    from resumes.models import Resume

    files = [(export.file.storage, export.file.name) for export in DataExport.objects.filter(user=user).exclude(file="")]
    for resume in Resume.objects.filter(user=user).exclude(file=""):
        files.append((resume.file.storage, resume.file.name))
    for cheatsheet in Cheatsheet.objects.filter(session__user=user).exclude(pdf=""):
        files.append((cheatsheet.pdf.storage, cheatsheet.pdf.name))
    for report in ReportPdf.objects.filter(run__session__user=user).exclude(file=""):
        files.append((report.file.storage, report.file.name))
    run_ids = list(ScoreRun.objects.filter(session__user=user).values_list("id", flat=True))
    user.delete()

    def remove_files():
        results_fragments_forget(run_ids)  # they quote the candidate's answers
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return len(files)
