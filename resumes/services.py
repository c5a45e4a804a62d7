"""Every write to resumes and job descriptions goes through here."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core.storage import StorageWriteFailed, storage_save
from core.work import READ_RESUME, REREAD_RESUME, work_request
from resumes.corrections import suggested_name
from resumes.matching import match_report
from resumes.models import JobDescription, Resume
from resumes.reading import ResumeRejected, structuring
from resumes.reading.jobs import analyse_job
from resumes.reading.reader import MAX_TEXT_CHARS, MIN_WORDS
from resumes.reading.sandbox import ReaderCrashed, file_on_disk, read_resume_file, read_resume_text
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry, MatchReport, ParsedResume
from resumes.reading.taxonomy import get_taxonomy

logger = logging.getLogger("saylo.resumes")

READ_STALE_MARGIN_SECONDS = 60  # on top of RESUME_PARSE_SECONDS: a read still going after that lost its worker

PARSER_FAILED = (
    "Saylo stored your file but could not work out its structure. Try uploading it as a PDF or Word "
    "document saved again from your editor, or paste the text instead."
)


@dataclass(frozen=True)
class UploadResult:
    resume: Resume
    created: bool  # False when this exact content was already uploaded by this user


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _checked(parsed: ParsedResume) -> ParsedResume:
    """With a Gemini key, Gemini reads the resume too and the document decides what is kept
    (`resumes.reading.structuring`); without one, the offline reading as it is. Task worker only."""
    if not structuring.enabled():
        return parsed
    try:
        return structuring.structure(parsed).resume
    except Exception:  # a bug in the merge must not cost the candidate the offline reading
        logger.exception("Gemini's resume reading could not be merged; the offline reading stands")
        return parsed


def _fields_from_parsed(parsed: ParsedResume) -> dict:
    return {
        "pages": parsed.pages,
        "text": parsed.text,
        "parsed": parsed.model_dump(mode="json"),
        "headline": parsed.headline[:200],
        "skills": [skill.model_dump(mode="json") for skill in parsed.skills],
    }


def resume_upload(*, user, filename: str, data: bytes | None = None, upload: File | None = None) -> UploadResult:
    """Store an uploaded resume file, given as `upload` (a file Django streamed to disk or memory) or
    as raw `data`, and queue its reading: the row is created "reading" and the read is queued in the
    same transaction (`resume_read`, in the task worker), so no web worker ever waits on a parse.

    The size is checked before anything is read; the file is hashed and stored in chunks, never held
    whole in this process. Raises `ResumeRejected` for an empty or oversized file, or when storage
    fails (nothing is left behind). The same bytes uploaded twice by one user return the existing
    resume (`created=False`), unless that one could not be read: then it is replaced by the new upload.
    """
    source = upload if upload is not None else data
    if source is None:
        raise ValueError("resume_upload needs `upload` or `data`.")
    size = len(data) if upload is None else upload.size
    if size > settings.RESUME_MAX_BYTES:
        raise ResumeRejected("too_large", _too_large_message())
    if not size:
        raise ResumeRejected("empty", "This file is empty. Check that you picked the right file, "
                                      "or paste your resume text instead.")
    with file_on_disk(source) as path:
        digest = _sha256_file(path)
        existing = _existing(user, digest)
        if existing is not None:
            return UploadResult(resume=existing, created=False)
        with open(path, "rb") as handle:
            kind = _kind_guess(handle.read(4096))
        resume = Resume(user=user, original_filename=filename[:255], name=filename[:200], kind=kind, size=size,
                        sha256=digest, parse_status=Resume.Status.READING)
        try:
            with open(path, "rb") as handle:
                storage_save(resume.file, filename or f"resume.{kind}", File(handle))
        except StorageWriteFailed as failed:  # full disk, bucket unreachable: no file, no row
            raise ResumeRejected("storage", failed.message) from failed
    try:
        return UploadResult(resume=_queued(resume, user=user, digest=digest), created=True)
    except IntegrityError:
        # A double submit raced us to the same content: keep theirs, drop our copy of the file.
        resume.file.delete(save=False)
        return UploadResult(resume=Resume.objects.get(user=user, sha256=digest), created=False)
    except Exception:
        resume.file.delete(save=False)
        raise


def _existing(user, digest: str) -> Resume | None:
    """The user's resume with this content, unless it could not be read (a new upload replaces that one)."""
    return Resume.objects.filter(user=user, sha256=digest).exclude(parse_status=Resume.Status.FAILED).first()


def _kind_guess(head: bytes) -> str:
    """What the file looks like from its first bytes, until the reader judges it whole (`resume_read`)."""
    if b"%PDF-" in head[:1024]:
        return Resume.Kind.PDF
    if head.startswith(b"PK\x03\x04"):
        return Resume.Kind.DOCX
    return Resume.Kind.TXT


def _queued(resume: Resume, *, user, digest: str) -> Resume:
    """Save a new "reading" resume (replacing an unreadable one with the same content) and queue its
    reading, in one transaction: both happen or neither does."""
    with transaction.atomic():
        for failed in Resume.objects.filter(user=user, sha256=digest, parse_status=Resume.Status.FAILED):
            resume_delete(resume=failed)
        resume.read_queued_at, resume.read_attempts = timezone.now(), 1
        resume.full_clean(exclude=["file"])
        with transaction.atomic():
            resume.save()
        work_request(READ_RESUME, resume.pk)
    return resume


def resume_read(*, resume_id: int) -> Resume | None:
    """Read a resume that is "reading" (the task worker's side of `resume_upload` and `resume_paste`).

    The file or pasted text is read by the sandboxed reader (`resumes.reading.sandbox`: a child
    process with hard time, memory and file limits), outside any transaction. A refused file marks
    the resume failed with the reader's sentence and deletes its stored file; a crash of our reader
    on an accepted file marks it failed but keeps the file, so it can be read again. Returns the
    resume, or None when it is gone or no longer being read (deleted meanwhile, or read by another
    worker): running this twice changes nothing.
    """
    resume = Resume.objects.filter(pk=resume_id, parse_status=Resume.Status.READING).first()
    if resume is None:
        return None
    Resume.objects.filter(pk=resume_id, parse_status=Resume.Status.READING).update(read_started_at=timezone.now())
    keep_file = True
    try:
        if resume.kind == Resume.Kind.PASTED:
            parsed, kind = read_resume_text(resume.text), Resume.Kind.PASTED
        else:
            with resume.file.open("rb") as handle, file_on_disk(handle) as path:
                result = read_resume_file(path, filename=resume.original_filename)
            parsed, kind = result.parsed, result.kind
        parsed = _checked(parsed)
        fields = {**_fields_from_parsed(parsed), "kind": kind, "parse_status": Resume.Status.PARSED, "parse_error": ""}
        if resume.kind != Resume.Kind.PASTED or not resume.name:
            fields["name"] = (suggested_name(parsed, fallback=resume.original_filename) or resume.name)[:200]
    except ResumeRejected as rejected:
        fields, keep_file = {"parse_status": Resume.Status.FAILED, "parse_error": rejected.message}, False
    except ReaderCrashed as crashed:  # a bug in our reader must not cost the candidate their upload
        keep_file = crashed.kind in Resume.Kind.values
        reason = PARSER_FAILED if keep_file else ResumeRejected("wrong_type").message
        fields = {"parse_status": Resume.Status.FAILED, "parse_error": reason,
                  **({"kind": crashed.kind} if keep_file else {})}
    return _read_done(resume_id, fields, keep_file=keep_file)


@transaction.atomic
def _read_done(resume_id: int, fields: dict, *, keep_file: bool) -> Resume | None:
    resume = Resume.objects.select_for_update().filter(pk=resume_id, parse_status=Resume.Status.READING).first()
    if resume is None:
        return None  # deleted, or read by another worker, meanwhile
    for name, value in fields.items():
        setattr(resume, name, value)
    resume.read_started_at = None
    if not keep_file and resume.file:
        # A refused file is not kept: the row says why, and nothing of the file stays in storage.
        name, storage = resume.file.name, resume.file.storage
        resume.file = ""
        transaction.on_commit(lambda: storage.delete(name))
    resume.full_clean(exclude=["file"])
    resume.save()
    return resume


def resume_read_now(*, resume: Resume) -> Resume:
    """The resume, read in this process if it is still being read: for management commands and
    scripts that need it read before they go on (seed data, benchmarks), never for a web request."""
    resume.refresh_from_db()
    if resume.is_reading:
        resume = resume_read(resume_id=resume.pk) or Resume.objects.get(pk=resume.pk)
    return resume


READ_GIVE_UP = ("Saylo could not finish reading this file: the worker reading it stopped. "
                "Upload it again, or paste your resume text instead.")


def resume_reading_recover(*, now=None) -> list[str]:
    """Queue again the reads that stopped: queued more than TASK_START_GRACE_SECONDS ago and never
    started (the queue lost it), or started longer ago than reading can take (its worker died). A read
    queued RESUME_READ_ATTEMPTS times is marked failed instead. Returns one line per resume handled;
    the task worker's recovery sweep calls this."""
    now = now or timezone.now()
    not_started = now - timedelta(seconds=settings.TASK_START_GRACE_SECONDS)
    longest = now - timedelta(seconds=settings.RESUME_PARSE_SECONDS + READ_STALE_MARGIN_SECONDS)
    stale = Resume.objects.filter(parse_status=Resume.Status.READING).filter(
        Q(read_started_at__isnull=True, read_queued_at__lt=not_started) | Q(read_started_at__lt=longest)
        | Q(read_queued_at__isnull=True))
    done = []
    for resume_id in stale.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            resume = Resume.objects.select_for_update().filter(pk=resume_id, parse_status=Resume.Status.READING).first()
            if resume is None:
                continue
            if resume.read_attempts >= settings.RESUME_READ_ATTEMPTS:
                resume.parse_status, resume.parse_error, resume.read_started_at = Resume.Status.FAILED, READ_GIVE_UP, None
                resume.save(update_fields=["parse_status", "parse_error", "read_started_at", "updated_at"])
                done.append(f"resume {resume_id}: marked failed after {resume.read_attempts} attempts")
                continue
            resume.read_queued_at, resume.read_started_at = now, None
            resume.read_attempts += 1
            resume.save(update_fields=["read_queued_at", "read_started_at", "read_attempts", "updated_at"])
            work_request(READ_RESUME, resume_id)
            done.append(f"resume {resume_id}: queued again (attempt {resume.read_attempts})")
    return done


def _too_large_message() -> str:
    limit_mb = settings.RESUME_MAX_BYTES / (1024 * 1024)
    return f"This file is larger than {limit_mb:g} MB. Save a smaller PDF (without embedded images) or paste the text instead."


def resume_paste(*, user, text: str, title: str = "") -> UploadResult:
    """Store a resume pasted as plain text and queue its reading, as `resume_upload` does. Raises
    `ResumeRejected` when there is nothing to read or far more than a resume."""
    text = text.replace("\r\n", "\n").strip()
    words = len(text.split())
    if words < MIN_WORDS:  # told at once: a name or a title is not a resume
        raise ResumeRejected("empty", None if not words else (
            f"This is too short to be a resume ({words} word{'s' if words != 1 else ''}). "
            "Paste or upload your whole resume, from your name to your last role."))
    if len(text) > MAX_TEXT_CHARS:
        raise ResumeRejected("too_large", f"This text is {len(text):,} characters, far more than a resume "
                                          f"({MAX_TEXT_CHARS:,} at most). Paste only your resume.")
    digest = _sha256(text.encode("utf-8"))
    existing = _existing(user, digest)
    if existing is not None:
        return UploadResult(resume=existing, created=False)
    resume = Resume(user=user, original_filename=title.strip()[:255], name=title.strip()[:200], kind=Resume.Kind.PASTED,
                    size=len(text.encode()), sha256=digest, text=text, parse_status=Resume.Status.READING)
    try:
        return UploadResult(resume=_queued(resume, user=user, digest=digest), created=True)
    except IntegrityError:
        return UploadResult(resume=Resume.objects.get(user=user, sha256=digest), created=False)


def resume_reparse(*, resume: Resume) -> Resume:
    """Read the stored file (or pasted text) again with the current parser.

    A successful re-parse replaces headline and skills with the parser's; a failure marks the
    resume failed with the reason instead of raising. The slow part (parsing) runs outside any
    transaction so it never holds the database's write lock.
    """
    try:
        if resume.kind == Resume.Kind.PASTED:
            parsed = read_resume_text(resume.text)
        else:
            with resume.file.open("rb") as handle, file_on_disk(handle) as path:
                parsed = read_resume_file(path, filename=resume.original_filename).parsed
        parsed = _checked(parsed)
    except ResumeRejected as rejected:
        resume.parse_status, resume.parse_error = Resume.Status.FAILED, rejected.message
    except Exception:
        logger.exception("re-parse crashed for resume %s", resume.pk)
        resume.parse_status, resume.parse_error = Resume.Status.FAILED, PARSER_FAILED
    else:
        for name, value in _fields_from_parsed(parsed).items():
            setattr(resume, name, value)
        resume.parse_status, resume.parse_error = Resume.Status.PARSED, ""
    resume.save()
    return resume


@transaction.atomic
def resume_reparse_request(*, resume_ids: list[int]) -> int:
    """Queue `resume_reparse` of these resumes for the task worker (staff's "re-parse" action, which
    must not hold a web worker for each file). Resumes still being read are left to that read.
    Returns how many were queued."""
    queued = list(Resume.objects.filter(pk__in=resume_ids).exclude(parse_status=Resume.Status.READING)
                  .values_list("pk", flat=True))
    for resume_id in queued:
        work_request(REREAD_RESUME, resume_id)
    return len(queued)


@transaction.atomic
def resume_delete(*, resume: Resume) -> None:
    """Delete the resume row and, once that is committed, its file."""
    name = resume.file.name
    storage = resume.file.storage
    resume.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def resume_headline_update(*, resume: Resume, headline: str) -> Resume:
    resume.headline = headline.strip()
    resume.full_clean(exclude=["file"])
    resume.save(update_fields=["headline", "updated_at"])
    return resume


@transaction.atomic
def resume_skill_add(*, resume: Resume, name: str) -> str:
    """Add a skill the parser missed. Known skills are stored under their canonical name, with
    the resume lines that mention them; unknown ones as typed. Returns the stored name.
    Raises ValidationError for an empty name or one already listed."""
    name = " ".join(name.split())[:80]
    if not name:
        raise ValidationError("Type the name of a skill to add.")
    taxonomy = get_taxonomy()
    canonical = taxonomy.canonical(name) or name
    current = resume.skill_list()
    if any(skill.name.lower() == canonical.lower() for skill in current):
        raise ValidationError(f"{canonical} is already in your skills.")
    evidence = [line.strip() for line in resume.text.splitlines()
                if line.strip() and canonical in taxonomy.find_in_line(line)][:5]
    resume.skills = [*resume.skills, {"name": canonical, "category": taxonomy.category(canonical),
                                      "evidence": evidence, "added_by_candidate": True}]
    resume.save(update_fields=["skills", "updated_at"])
    return canonical


@transaction.atomic
def resume_skill_remove(*, resume: Resume, name: str) -> bool:
    """Remove a skill; returns False when it was not listed."""
    kept = [skill for skill in resume.skills if skill.get("name") != name]
    if len(kept) == len(resume.skills):
        return False
    resume.skills = kept
    resume.save(update_fields=["skills", "updated_at"])
    return True


# --- Corrections -------------------------------------------------------------------------------
# The candidate's word wins over the parser's: each service below changes one thing the candidate corrected,
# on a row locked for the change (two tabs saving at once do not undo each other), and re-parsing keeps it.

def _locked(resume: Resume) -> Resume:
    return Resume.objects.select_for_update().get(pk=resume.pk)


def _saved(locked: Resume, resume: Resume, *fields: str) -> Resume:
    locked.full_clean(exclude=["file"])
    locked.save(update_fields=[*fields, "updated_at"])
    for name in (*fields, "updated_at"):
        setattr(resume, name, getattr(locked, name))
    return resume


@transaction.atomic
def resume_rename(*, resume: Resume, name: str) -> Resume:
    """Give the resume the name the candidate chose. Raises ValidationError for an empty name."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Give this resume a name, for example “Jane Doe — Backend Engineer”.")
    locked = _locked(resume)
    locked.name = name[:200]
    return _saved(locked, resume, "name")


@transaction.atomic
def resume_contact_update(*, resume: Resume, contact: Contact) -> Resume:
    """Replace the contact details Saylo read with the candidate's."""
    locked = _locked(resume)
    locked.corrections = {**(locked.corrections or {}), "contact": contact.model_dump(mode="json")}
    return _saved(locked, resume, "corrections")


def _entries(locked: Resume, key: str) -> list[dict]:
    if key in (locked.corrections or {}):
        return list(locked.corrections[key])
    parsed = locked.as_parsed()
    return [entry.model_dump(mode="json") for entry in getattr(parsed, key)]


def _entry_at(entries: list[dict], index: int | None, what: str) -> None:
    if index is not None and not 0 <= index < len(entries):
        raise ValidationError(f"That {what} is no longer on this resume. Reload the page and try again.")


@transaction.atomic
def resume_role_save(*, resume: Resume, index: int | None, role: ExperienceEntry) -> Resume:
    """Replace the role at `index` (or add it, with `index` None, as the most recent) with the candidate's.
    Raises ValidationError when that role is gone (edited in another tab)."""
    locked = _locked(resume)
    entries = _entries(locked, "experience")
    _entry_at(entries, index, "role")
    if index is None:
        entries.insert(0, role.model_dump(mode="json"))
    else:
        entries[index] = role.model_dump(mode="json")
    locked.corrections = {**(locked.corrections or {}), "experience": entries}
    return _saved(locked, resume, "corrections")


@transaction.atomic
def resume_role_remove(*, resume: Resume, index: int) -> Resume:
    """Remove a role Saylo read that is not one (a bullet taken for a job). Raises ValidationError when it is gone."""
    locked = _locked(resume)
    entries = _entries(locked, "experience")
    _entry_at(entries, index, "role")
    del entries[index]
    locked.corrections = {**(locked.corrections or {}), "experience": entries}
    return _saved(locked, resume, "corrections")


@transaction.atomic
def resume_degree_save(*, resume: Resume, index: int | None, degree: EducationEntry) -> Resume:
    """Replace the degree at `index` (or add one, with `index` None) with the candidate's."""
    locked = _locked(resume)
    entries = _entries(locked, "education")
    _entry_at(entries, index, "degree")
    if index is None:
        entries.append(degree.model_dump(mode="json"))
    else:
        entries[index] = degree.model_dump(mode="json")
    locked.corrections = {**(locked.corrections or {}), "education": entries}
    return _saved(locked, resume, "corrections")


@transaction.atomic
def resume_degree_remove(*, resume: Resume, index: int) -> Resume:
    locked = _locked(resume)
    entries = _entries(locked, "education")
    _entry_at(entries, index, "degree")
    del entries[index]
    locked.corrections = {**(locked.corrections or {}), "education": entries}
    return _saved(locked, resume, "corrections")


def _analysed(job: JobDescription) -> JobDescription:
    job.requirements = analyse_job(title=job.title, company=job.company, text=job.text).model_dump(mode="json")
    return job


@transaction.atomic
def job_create(*, user, title: str, company: str, text: str, url: str = "") -> JobDescription:
    """Store a job posting with its offline analysis. Raises ValidationError on bad values."""
    job = JobDescription(user=user, title=title.strip(), company=company.strip(), text=text.strip(), url=url.strip())
    _analysed(job).full_clean()
    job.save()
    return job


@transaction.atomic
def job_update(*, job: JobDescription, title: str, company: str, text: str, url: str = "") -> JobDescription:
    job.title, job.company, job.text, job.url = title.strip(), company.strip(), text.strip(), url.strip()
    _analysed(job).full_clean()
    job.save()
    return job


def jobs_reanalyse(*, jobs) -> tuple[int, int]:
    """Analyse stored job postings again with the current reader (after a release that reads postings
    better), writing only those whose analysis changed; the candidate's text is untouched. Returns
    (postings read, postings changed)."""
    seen = changed = 0
    for job in jobs.only("id", "title", "company", "text", "requirements").iterator(chunk_size=200):
        seen += 1
        fresh = analyse_job(title=job.title, company=job.company, text=job.text).model_dump(mode="json")
        if fresh != job.requirements:
            changed += JobDescription.objects.filter(pk=job.pk).update(requirements=fresh, updated_at=timezone.now())
    return seen, changed


@transaction.atomic
def job_delete(*, job: JobDescription) -> None:
    job.delete()


def match_report_for(*, resume: Resume, job: JobDescription) -> MatchReport:
    """The match report of a stored resume (with the candidate's corrections) against a stored job."""
    return match_report(resume=resume.as_parsed(), job=job.as_requirements())


def resume_files_purge(*, older_than_days: int, dry_run: bool = False, now=None) -> list[Resume]:
    """Delete uploaded files older than the retention period. What Saylo read from them (text,
    sections, skills) stays so interviews keep working; the candidate can delete that too.
    Returns the resumes whose files were (or, with dry_run, would be) deleted."""
    from datetime import timedelta

    from django.utils import timezone

    if older_than_days <= 0:
        return []
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    expired = list(Resume.objects.filter(uploaded_at__lt=cutoff).exclude(file="").select_related("user"))
    if dry_run:
        return expired
    for resume in expired:
        with transaction.atomic():
            name, storage = resume.file.name, resume.file.storage
            resume.file = ""
            resume.file_purged_at = timezone.now()
            resume.save(update_fields=["file", "file_purged_at", "updated_at"])
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return expired
