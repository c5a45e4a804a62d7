"""Every write to resumes and job descriptions goes through here."""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction

from core.storage import StorageWriteFailed, storage_save
from resumes.corrections import suggested_name
from resumes.matching import match_report
from resumes.models import JobDescription, Resume
from resumes.reading import ResumeRejected
from resumes.reading.jobs import analyse_job
from resumes.reading.sandbox import ReaderCrashed, file_on_disk, read_resume_file, read_resume_text
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry, MatchReport, ParsedResume
from resumes.reading.taxonomy import get_taxonomy

logger = logging.getLogger("saylo.resumes")

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


def _fields_from_parsed(parsed: ParsedResume) -> dict:
    return {
        "pages": parsed.pages,
        "text": parsed.text,
        "parsed": parsed.model_dump(mode="json"),
        "headline": parsed.headline[:200],
        "skills": [skill.model_dump(mode="json") for skill in parsed.skills],
    }


def resume_upload(*, user, filename: str, data: bytes | None = None, upload: File | None = None) -> UploadResult:
    """Validate, parse and store an uploaded resume file, given as `upload` (a file Django streamed
    to disk or memory) or as raw `data`.

    The size is checked before anything is read; the file is hashed and stored in chunks, and read
    by the sandboxed reader (`resumes.reading.sandbox`: a child process with a hard time and memory limit),
    so no upload is ever held whole in this process. Refused files (too large, wrong type by
    content, too many pages, encrypted, corrupt, no text, too slow or too large to read) raise
    `ResumeRejected` and leave nothing behind. The same bytes uploaded twice by one user return the
    existing resume (`created=False`). A reader crash on an otherwise valid file stores the resume
    as failed with its reason, so it can be re-parsed later.
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
        existing = Resume.objects.filter(user=user, sha256=digest).first()
        if existing:
            return UploadResult(resume=existing, created=False)
        fields: dict
        try:
            result = read_resume_file(path, filename=filename)
            kind = result.kind
            fields = {**_fields_from_parsed(result.parsed), "parse_status": Resume.Status.PARSED, "parse_error": ""}
        except ResumeRejected:
            raise
        except ReaderCrashed as crashed:  # a bug in our reader must not cost the candidate their upload
            if crashed.kind not in Resume.Kind.values:
                raise ResumeRejected("wrong_type") from crashed
            kind = crashed.kind
            fields = {"parse_status": Resume.Status.FAILED, "parse_error": PARSER_FAILED}

        name = suggested_name(result.parsed, fallback=filename) if fields["parse_status"] == Resume.Status.PARSED else ""
        resume = Resume(user=user, original_filename=filename[:255], name=name or filename[:200], kind=kind, size=size,
                        sha256=digest, **fields)
        try:
            with open(path, "rb") as handle:
                storage_save(resume.file, filename or f"resume.{kind}", File(handle))
        except StorageWriteFailed as failed:  # full disk, bucket unreachable: no file, no row
            raise ResumeRejected("storage", failed.message) from failed
    try:
        with transaction.atomic():
            resume.full_clean(exclude=["file"])
            resume.save()
    except IntegrityError:
        # A double submit raced us to the same content: keep theirs, drop our copy of the file.
        resume.file.delete(save=False)
        return UploadResult(resume=Resume.objects.get(user=user, sha256=digest), created=False)
    except Exception:
        resume.file.delete(save=False)
        raise
    return UploadResult(resume=resume, created=True)


def _too_large_message() -> str:
    limit_mb = settings.RESUME_MAX_BYTES / (1024 * 1024)
    return f"This file is larger than {limit_mb:g} MB. Save a smaller PDF (without embedded images) or paste the text instead."


def resume_paste(*, user, text: str, title: str = "") -> UploadResult:
    """Store a resume pasted as plain text. Raises `ResumeRejected` when there is nothing to read."""
    text = text.replace("\r\n", "\n").strip()
    digest = _sha256(text.encode("utf-8"))
    existing = Resume.objects.filter(user=user, sha256=digest).first()
    if existing:
        return UploadResult(resume=existing, created=False)
    parsed = read_resume_text(text)
    resume = Resume(user=user, original_filename=title.strip()[:255], name=title.strip()[:200] or suggested_name(parsed),
                    kind=Resume.Kind.PASTED, size=len(text.encode()), sha256=digest, parse_status=Resume.Status.PARSED,
                    **_fields_from_parsed(parsed))
    try:
        with transaction.atomic():
            resume.full_clean(exclude=["file"])
            resume.save()
    except IntegrityError:
        return UploadResult(resume=Resume.objects.get(user=user, sha256=digest), created=False)
    return UploadResult(resume=resume, created=True)


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
