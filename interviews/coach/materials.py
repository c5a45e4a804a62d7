"""The one bridge from raw text to the coach's typed inputs: parse the resume, analyse the job, match them.

The parser, job analyser and matcher live in `resumes` (built separately); they are imported here,
lazily, and nowhere else in the coach — so the coach's own modules and tests never depend on them.
"""

from dataclasses import dataclass
from pathlib import Path

from interviews.coach.base import CoachError
from interviews.coach.schemas import JobInput
from resumes.reading.schemas import MatchReport, ParsedResume


@dataclass
class CoachMaterials:
    resume: ParsedResume
    job: JobInput
    match: MatchReport


def coach_materials(
    *,
    job_text: str,
    resume_text: str | None = None,
    resume_path: str | Path | None = None,
    job_title: str = "",
    company: str = "",
) -> CoachMaterials:
    """Parse the resume (text, or a file at `resume_path`), analyse the job posting and match them.

    Raises CoachError when the resume parser is not available or cannot read the resume.
    """
    if (resume_text is None) == (resume_path is None):
        raise ValueError("Give exactly one of resume_text or resume_path.")
    try:
        from resumes import reading
    except ImportError as exc:
        raise CoachError(f"The resume parser is not installed in this build ({exc.name} is missing).") from exc
    try:
        resume = reading.parse_resume_file(resume_path) if resume_path is not None else reading.parse_resume_text(resume_text)
    except CoachError:
        raise
    except Exception as exc:  # noqa: BLE001 - the parser's own error types are not ours to know; say what failed
        raise CoachError(f"The resume could not be read: {exc}") from exc
    return materials_for(resume=resume, job_text=job_text, job_title=job_title, company=company)


def materials_for(*, resume: ParsedResume, job_text: str, job_title: str = "", company: str = "") -> CoachMaterials:
    """Analyse the job posting and match an already-read resume against it."""
    from resumes import matching
    from resumes.reading import jobs

    requirements = jobs.analyse_job(title=job_title, company=company, text=job_text)
    job = JobInput(
        title=job_title or requirements.title,
        company=company or requirements.company,
        text=job_text,
        requirements=requirements,
    )
    return CoachMaterials(resume=resume, job=job, match=matching.match_report(resume=resume, job=requirements))
